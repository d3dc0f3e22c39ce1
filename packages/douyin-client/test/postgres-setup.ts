import type { TestProject } from 'vitest/node';
import { createScratchDatabase, keepFailingExitCode, startTestServer } from '@douyin-kit/test-infra/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty scratch database of this run, for PostgresTokenStore. */
    databaseUrl: string;
  }
}

/**
 * The e2e project's PostgreSQL: a scratch database on DATABASE_URL's server, or on a throwaway
 * embedded server when DATABASE_URL is unset. Dropped (and the server stopped) after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailingExitCode();
  const server = await startTestServer();
  const database = await createScratchDatabase(server.adminUrl, `douyin_client_test_${process.pid}`);
  project.provide('databaseUrl', database.url);
  return async () => {
    await database.drop();
    await server.stop();
  };
}
