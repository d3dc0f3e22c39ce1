import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { createScratchDatabase, keepFailingExitCode, startTestServer } from '@douyin-kit/test-infra/postgres';
import { findLeakedSecrets } from '@douyin-kit/test-infra/secret-scan';
import { DEV_ADMIN_API_KEY } from '../src/core/config/app-config.js';
import { runMigrations } from '../src/core/database/migrations/migration-runner.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's migrated database. */
    databaseUrl: string;
    /** The server's `postgres` database, for tests that need scratch databases of their own. */
    adminUrl: string;
    /** The local Douyin emulator this run talks to, and the app registered on it. */
    douyin: { url: string; appId: string; appSecret: string; privateKeyPem: string };
    /** Every test app appends all its log lines here; teardown scans it for secrets. */
    logCaptureFile: string;
    /** Every test app appends every response it sends here (test/response-capture.ts); scanned too. */
    responseCaptureFile: string;
  }
}

/**
 * One database per test run, so parallel workers, parallel runs and a developer's dev data
 * never collide, and one Douyin emulator (real HTTP, no credentials). Returns the teardown
 * that fails the run if any log line or response carried a secret, then drops the database,
 * stops an embedded server and the emulator.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailingExitCode();
  const server = await startTestServer();
  const database = await createScratchDatabase(server.adminUrl, `douyin_kit_test_${process.pid}`);
  try {
    await runMigrations({ connectionString: database.url });
  } catch (error) {
    await database.drop();
    await server.stop();
    throw error;
  }
  const emulator = await startEmulator();
  const app = await new EmulatorAdmin(emulator.url).createApp();
  project.provide('databaseUrl', database.url);
  project.provide('adminUrl', server.adminUrl);
  project.provide('douyin', { url: emulator.url, appId: app.appid, appSecret: app.secret, privateKeyPem: app.privateKeyPem });
  const logCaptureFile = join(tmpdir(), `douyin-kit-test-logs-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
  project.provide('logCaptureFile', logCaptureFile);
  const responseCaptureFile = logCaptureFile.replace(/-logs-/, '-responses-');
  project.provide('responseCaptureFile', responseCaptureFile);
  console.log(`[test] database ${database.name} on ${server.description}; Douyin emulator on ${emulator.url}`);
  return async () => {
    let leaks: string[];
    try {
      // Every test app runs with the dev admin key (none sets ADMIN_API_KEY).
      leaks = await findLeakedSecrets({ log: logCaptureFile, responses: responseCaptureFile }, emulator.url, [['adminKey', DEV_ADMIN_API_KEY]]);
    } finally {
      await emulator.close();
      await database.drop();
      await server.stop();
    }
    if (leaks.length) {
      // Vitest reports an error thrown here but would still exit 0: fail the run explicitly.
      process.exitCode = 1;
      // Kept for inspection: it holds only this run's emulator credentials.
      throw new Error(`Secrets in the test apps' logs (${logCaptureFile}) or responses (${responseCaptureFile}):\n  ${leaks.join('\n  ')}`);
    }
    await rm(logCaptureFile, { force: true });
    await rm(responseCaptureFile, { force: true });
  };
}
