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

/**
 * Where `pnpm dev` keeps its embedded cluster: DEV_POSTGRES_DIR (relative to the repository),
 * by default the git-ignored `.data/postgres`. Read after loadRootEnv().
 */
export function devDataDir(): string {
  return resolve(REPO_ROOT, process.env.DEV_POSTGRES_DIR || join('.data', 'postgres'));
}

/**
 * Where `pnpm dev`'s emulator keeps its state (apps, users, consents, tokens, clock) between
 * starts, beside the cluster, so the dev database's users and subscriptions still match it.
 */
export function devEmulatorStateFile(): string {
  return `${devDataDir()}-emulator.json`;
}

function devPort(): number {
  const port = Number(process.env.DEV_POSTGRES_PORT || 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`DEV_POSTGRES_PORT must be a port number, not ${process.env.DEV_POSTGRES_PORT}`);
  return port;
}

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
  /** True for the embedded cluster `pnpm dev` owns (its URL, password included, is not a secret). */
  embedded: boolean;
}

/**
 * DATABASE_URL when configured; otherwise the embedded dev cluster, started and created as
 * needed. `callerHandlesSignals`: the caller stops it on SIGINT/SIGTERM (after its own clients).
 */
export async function openDevDatabase(options: { callerHandlesSignals?: boolean } = {}): Promise<DevDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, server: externalServer(configured), embedded: false };
  const dataDir = devDataDir();
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new Error(
      `The embedded dev PostgreSQL in ${dataDir} is already running (another \`pnpm dev\`?). ` +
        `Stop that first, or if nothing runs, it crashed: delete ${join(dataDir, 'postmaster.pid')}.`,
    );
  }
  const server = await startEmbeddedPostgres({ dataDir, port: devPort(), ephemeral: false, callerHandlesSignals: options.callerHandlesSignals });
  try {
    if (!(await databaseExists(server.adminUrl, DEV_DATABASE))) await createDatabase(server.adminUrl, DEV_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: withDatabase(server.adminUrl, DEV_DATABASE), server, embedded: true };
}
