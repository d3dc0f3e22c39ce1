/**
 * The Douyin emulator in a process of its own, so that serving code2session does not share an
 * event loop with autocannon. Prints `{"url": …}` once listening; SIGTERM closes it.
 */
import { startEmulator } from '@douyin-kit/douyin-emulator';

const emulator = await startEmulator({ port: 0 });
console.log(JSON.stringify({ url: emulator.url }));

process.once('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0));
});
