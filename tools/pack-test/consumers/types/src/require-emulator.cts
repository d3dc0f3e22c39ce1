// The emulator (ESM only) from a CommonJS module: Node >= 20.19 loads it with require(), and
// TypeScript types that require() under `module: node20` or `nodenext` (TypeScript >= 5.8).
import { type RunningEmulator, startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { createTt } from '@douyin-kit/douyin-emulator/tt';

export async function withEmulator(): Promise<number> {
  const emulator: RunningEmulator = await startEmulator({ seed: { apps: [{ appid: 'tt_app', secret: 's' }] } });
  try {
    const user = await new EmulatorAdmin(emulator.url).createUser({ appid: 'tt_app' });
    const { anonymousCode } = await createTt({ emulatorUrl: emulator.url, appid: 'tt_app', userId: user.id }).login();
    return anonymousCode.length;
  } finally {
    await emulator.close();
  }
}

// @ts-expect-error the port is a number
export const wrongPort: Parameters<typeof startEmulator>[0] = { port: '8787' };
