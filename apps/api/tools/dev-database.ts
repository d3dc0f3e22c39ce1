import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createDatabase,
  databaseExists,
  externalServer,
  startEmbeddedPostgres,
  withDatabase,
  type PostgresServer,
} from '@douyin-kit/test-infra/postgres';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** Where `pnpm dev` keeps its embedded cluster (git-ignored). */
export const DEV_DATA_DIR = join(REPO_ROOT, '.data', 'postgres');
const DEV_PORT = 54329;

/** The database the embedded dev server holds the app's data in. */
const DEV_DATABASE = 'douyin_kit';

/** Loads the repository's `.env` into process.env (real environment variables win). */
export function loadRootEnv(): void {
  const file = join(REPO_ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export interface DevDatabase {
  url: string;
  server: PostgresServer;
}

/** DATABASE_URL when configured; otherwise the embedded dev cluster, started and created as needed. */
export async function openDevDatabase(): Promise<DevDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, server: externalServer(configured) };
  if (existsSync(join(DEV_DATA_DIR, 'postmaster.pid'))) {
    throw new Error(
      `The embedded dev PostgreSQL in ${DEV_DATA_DIR} is already running (another \`pnpm dev\`?).\n` +
        `Stop that first, or if nothing runs, it crashed: delete ${join(DEV_DATA_DIR, 'postmaster.pid')}.`,
    );
  }
  const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port: DEV_PORT, ephemeral: false });
  try {
    if (!(await databaseExists(server.adminUrl, DEV_DATABASE))) await createDatabase(server.adminUrl, DEV_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: withDatabase(server.adminUrl, DEV_DATABASE), server };
}
