/** `pnpm db:reset-dev`: deletes the embedded dev PostgreSQL cluster; the next `pnpm dev` recreates it. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { devDataDir, loadRootEnv } from '../tools/dev-database.js';

loadRootEnv();
const dataDir = devDataDir();
if (existsSync(join(dataDir, 'postmaster.pid'))) {
  console.error(`The embedded dev PostgreSQL in ${dataDir} is running: stop \`pnpm dev\` first.`);
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
console.log(`Deleted ${dataDir}. The next \`pnpm dev\` starts with an empty, migrated database.`);
