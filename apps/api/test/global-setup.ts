import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startEmulator } from '@douyin-kit/douyin-emulator';
import { runMigrations } from '../src/database/migrations/migration-runner.js';
import { createDatabase, dropDatabase, startTestServer } from '../tools/local-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's migrated database. */
    databaseUrl: string;
    /** The server's `postgres` database, for tests that need scratch databases of their own. */
    adminUrl: string;
    /** The local Douyin emulator this run talks to, and the app registered on it. */
    douyin: { url: string; appId: string; appSecret: string };
  }
}

/**
 * One database per test run, so parallel workers, parallel runs and a developer's dev data
 * never collide, and one Douyin emulator (real HTTP, no credentials). Returns the teardown
 * that drops the database, stops an embedded server and the emulator.
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
  const emulator = await startEmulator();
  const created = await fetch(`${emulator.url}/__emulator/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const app = (await created.json()) as { appid: string; secret: string };
  project.provide('databaseUrl', url);
  project.provide('adminUrl', server.adminUrl);
  project.provide('douyin', { url: emulator.url, appId: app.appid, appSecret: app.secret });
  console.log(`[test] database ${name} on ${server.description}; Douyin emulator on ${emulator.url}`);
  return async () => {
    await emulator.close();
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  };
}
