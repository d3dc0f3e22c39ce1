/**
 * `pnpm db:reset-dev`: deletes the embedded dev PostgreSQL cluster and the dev emulator's state;
 * the next `pnpm dev` recreates both (the seed users keep their openids: they derive from ids).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { devDataDir, devEmulatorStateFile, loadRootEnv } from '../tools/dev-database.js';

loadRootEnv();
const dataDir = devDataDir();
if (existsSync(join(dataDir, 'postmaster.pid'))) {
  console.error(`The embedded dev PostgreSQL in ${dataDir} is running: stop \`pnpm dev\` first.`);
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
rmSync(devEmulatorStateFile(), { force: true });
console.log(`Deleted ${dataDir} and ${devEmulatorStateFile()}. The next \`pnpm dev\` starts with an empty, migrated database and a fresh emulator.`);
