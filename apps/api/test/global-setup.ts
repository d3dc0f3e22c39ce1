import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../src/database/migrations/migration-runner.js';
import { createDatabase, dropDatabase, startTestServer } from '../tools/local-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's migrated database. */
    databaseUrl: string;
    /** The server's `postgres` database, for tests that need scratch databases of their own. */
    adminUrl: string;
  }
}

/**
 * One database per test run, so parallel workers, parallel runs and a developer's dev data
 * never collide. Returns the teardown that drops it (and stops an embedded server).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestServer();
  const name = `douyin_kit_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(server.adminUrl, name);
  try {
    await runMigrations({ connectionString: url });
  } catch (error) {
    await dropDatabase(server.adminUrl, name);
    await server.stop();
    throw error;
  }
  project.provide('databaseUrl', url);
  project.provide('adminUrl', server.adminUrl);
  console.log(`[test] database ${name} on ${server.description}`);
  return async () => {
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  };
}
