import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readMigrationFiles, type MigrationFile } from './migration-files.js';

/**
 * Applies Prisma-layout migrations without Prisma's schema engine (which cannot be
 * downloaded on offline machines), recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does, so a database migrated here can later be taken over by
 * `prisma migrate deploy` without complaint. Hand-written because no library speaks Prisma's
 * bookkeeping: generic runners (node-pg-migrate, umzug) keep their own tables and formats.
 */

/** The key Prisma's schema engine passes to pg_advisory_lock: runners serialise with it too. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's own DDL for its bookkeeping table (schema engine, postgres connector). */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface AppliedMigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export interface RunMigrationsOptions {
  connectionString: string;
  dir?: string;
  log?: (line: string) => void;
}

export async function runMigrations(options: RunMigrationsOptions): Promise<MigrationResult> {
  const files = readMigrationFiles(options.dir);
  const log = options.log ?? (() => undefined);
  const client = new Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const rows = await readAppliedRows(client);
    const pending = planPending(files, rows);
    for (const file of pending) {
      await applyOne(client, file);
      log(`applied migration ${file.name}`);
    }
    return {
      applied: pending.map((file) => file.name),
      alreadyApplied: files.filter((file) => !pending.includes(file)).map((file) => file.name),
    };
  } finally {
    // Closing the session releases the advisory lock even if the unlock never runs.
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function readAppliedRows(client: Client): Promise<AppliedMigrationRow[]> {
  const result = await client.query<AppliedMigrationRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  return result.rows;
}

/**
 * Decides what to apply, refusing the states `prisma migrate deploy` refuses: a migration
 * that started and never finished, or an applied migration whose file has since changed.
 */
export function planPending(files: MigrationFile[], rows: AppliedMigrationRow[]): MigrationFile[] {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} started but did not finish. Inspect the database, then mark it ` +
        `with \`prisma migrate resolve --rolled-back ${failed.migration_name}\` (or --applied).`,
    );
  }
  const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
  for (const file of files) {
    const checksum = applied.get(file.name);
    if (checksum !== undefined && checksum !== file.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was modified after it was applied to this database. ` +
          'Never edit an applied migration: revert the file and add a new migration instead.',
      );
    }
  }
  return files.filter((file) => !applied.has(file.name));
}

/**
 * Applies one migration and records it as Prisma does (checksum, start and finish times,
 * one applied step). Unlike Prisma we run the script and the bookkeeping in one transaction
 * (PostgreSQL DDL is transactional), so a failure or a crash leaves nothing half-applied.
 * A failure is then recorded as a rolled-back row with the error in `logs`, which Prisma
 * reads as "not applied, may be retried".
 */
async function applyOne(client: Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, file.checksum, file.name],
    );
    await client.query(file.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const message = error instanceof Error ? error.message : String(error);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, rolled_back_at)
       VALUES ($1, $2, $3, now(), $4, now())`,
      [randomUUID(), file.checksum, file.name, message],
    );
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${message}`, { cause: error });
  }
}
