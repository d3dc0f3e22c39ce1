import { readFileSync } from 'node:fs';
import pg from 'pg';
import { runMigrations } from '@douyin-kit/api/migrations';
// The server DATABASE_URL names, or a throwaway embedded one, as for the API's tests.
import { createScratchDatabase, startTestServer, type PostgresServer, type ScratchDatabase } from '@douyin-kit/test-infra/postgres';

/**
 * One PostgreSQL server for the whole run (API and baseline alike) and the databases the bench
 * creates on it, each dropped at the end.
 */
export class Databases {
  private readonly created: ScratchDatabase[] = [];

  private constructor(private readonly server: PostgresServer) {}

  static async open(): Promise<Databases> {
    return new Databases(await startTestServer());
  }

  async serverVersion(): Promise<string> {
    const rows = await query<{ server_version: string }>(this.server.adminUrl, 'SHOW server_version');
    const version = rows[0]?.server_version.split(' ')[0] ?? '?';
    return `PostgreSQL ${version} (${process.env.DATABASE_URL ? 'the DATABASE_URL server' : 'embedded, throwaway'})`;
  }

  /** A new database, migrated the way `pnpm db:migrate` does it (the offline runner). */
  async createApiDatabase(label: string): Promise<string> {
    const url = await this.create(label);
    await runMigrations({ connectionString: url });
    return url;
  }

  /** A new database with the baseline's two tables. */
  async createBaselineDatabase(label = 'baseline'): Promise<string> {
    const url = await this.create(label === 'baseline' ? label : `baseline_${label}`);
    await query(url, readFileSync(new URL('../baseline/schema.sql', import.meta.url), 'utf8'));
    return url;
  }

  async dropAll(): Promise<void> {
    for (const database of this.created.splice(0)) await database.drop();
    await this.server.stop();
  }

  private async create(label: string): Promise<string> {
    const database = await createScratchDatabase(this.server.adminUrl, `douyin_kit_bench_${label}`);
    this.created.push(database);
    return database.url;
  }
}

export async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
