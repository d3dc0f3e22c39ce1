import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { createScratchDatabase } from '../../../../test/scratch-database.js';
import { MIGRATIONS_DIR, readMigrationFiles } from './migration-files.js';
import { MigrationError, runMigrations } from './migration-runner.js';

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const migrationRows = (url: string) => query<Row>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY started_at');

/** A copy of the real migrations folder that a test may change. */
function copyMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe('offline migration runner', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const scratch = async () => {
    const db = await createScratchDatabase('migrate');
    cleanups.push(db.drop);
    return db.url;
  };

  it('applies every migration and records it as Prisma does', async () => {
    const url = await scratch();
    const files = readMigrationFiles();
    const result = await runMigrations({ connectionString: url });
    expect(result).toEqual({ applied: files.map((f) => f.name), alreadyApplied: [] });

    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const bytes = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
    }
    const tables = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'users'");
    expect(tables[0]!.n).toBe(1);
  });

  it('is a no-op on a migrated database, and serialises concurrent runs', async () => {
    const url = await scratch();
    const [first, second] = await Promise.all([runMigrations({ connectionString: url }), runMigrations({ connectionString: url })]);
    expect([first.applied.length, second.applied.length].sort()).toEqual([0, readMigrationFiles().length]);
    const before = await migrationRows(url);

    const again = await runMigrations({ connectionString: url });
    expect(again.applied).toEqual([]);
    expect(await migrationRows(url)).toEqual(before);
  });

  it('refuses a migration edited after it was applied', async () => {
    const url = await scratch();
    const dir = copyMigrations();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await runMigrations({ connectionString: url, dir });
    const [first] = readMigrationFiles(dir);
    writeFileSync(join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);

    await expect(runMigrations({ connectionString: url, dir })).rejects.toThrow(/modified after it was applied/);
  });

  it('rolls a failing migration back whole, records it as rolled back, and applies it once fixed', async () => {
    const url = await scratch();
    const dir = copyMigrations();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const broken = join(dir, '29990101000000_broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n');

    const failure = runMigrations({ connectionString: url, dir });
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow(/29990101000000_broken failed and was rolled back: .*no_such_table/);
    expect(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toEqual([]);
    const failed = (await migrationRows(url)).find((r) => r.migration_name === '29990101000000_broken');
    expect(failed).toMatchObject({ finished_at: null, applied_steps_count: 0, logs: expect.stringContaining('no_such_table') });
    expect(failed!.rolled_back_at).toBeInstanceOf(Date);

    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\n');
    expect((await runMigrations({ connectionString: url, dir })).applied).toEqual(['29990101000000_broken']);
  });
});
