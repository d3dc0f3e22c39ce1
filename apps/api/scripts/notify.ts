/**
 * `pnpm --filter @douyin-kit/api notify --user <user> --template <id> --data key=value …`:
 * queues one subscription message through a running API. `--help` for the options
 * (tools/notify-cli.ts); every failure is one line and a non-zero exit.
 */
import { loadRootEnv } from '../tools/dev-database.js';
import { runNotify } from '../tools/notify-cli.js';

loadRootEnv();
void runNotify(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) }).then((code) => {
  process.exitCode = code;
});
