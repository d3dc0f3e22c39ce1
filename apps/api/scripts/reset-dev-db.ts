/** `pnpm db:reset-dev`: deletes the embedded dev PostgreSQL cluster; the next `pnpm dev` recreates it. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_DATA_DIR } from '../tools/dev-database.js';

if (existsSync(join(DEV_DATA_DIR, 'postmaster.pid'))) {
  console.error(`The embedded dev PostgreSQL in ${DEV_DATA_DIR} is running: stop \`pnpm dev\` first.`);
  process.exit(1);
}
rmSync(DEV_DATA_DIR, { recursive: true, force: true });
console.log(`Deleted ${DEV_DATA_DIR}. The next \`pnpm dev\` starts with an empty, migrated database.`);
