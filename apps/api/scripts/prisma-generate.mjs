// Runs `prisma generate` on a machine that cannot download Prisma's engine binaries.
//
// The Prisma 7 client is Rust-free (it runs on @prisma/adapter-pg), and `generate` never
// executes the schema engine, but the CLI still tries to download that binary before doing
// anything unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file. No Prisma option turns
// the download off, so we point the variable at this script when nothing better is set.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
