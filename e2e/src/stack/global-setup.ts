import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEV_ADMIN_API_KEY } from '@douyin-kit/api/config';
import { runMigrations } from '@douyin-kit/api/migrations';
import { DEFAULT_DEV_SEED, startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { createScratchDatabase, freePort, keepFailingExitCode, startTestServer } from '@douyin-kit/test-infra/postgres';
import { findLeakedSecrets } from '@douyin-kit/test-infra/secret-scan';
import { startApi } from './api-process.js';
import { buildH5, serveH5 } from './h5-preview.js';
import { OUTPUT_DIR } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      apiUrl: string;
      emulatorUrl: string;
      /** The emulator's dev app (the H5 build's default too). */
      appId: string;
      databaseUrl: string;
      adminKey: string;
      /** The H5 preview, built for this run's API and emulator. */
      h5Url: string;
    };
  }
}

/**
 * The whole system as a user meets it: a migrated database (DATABASE_URL's server or a
 * throwaway embedded one), the emulator with its dev seed, the built API as a child process
 * (in-process notification workers), and the H5 preview built against them. Teardown fails
 * the run if the API logged any secret the journeys produced.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailingExitCode();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
  };
  try {
    const server = await startTestServer();
    cleanups.push(() => server.stop());
    const database = await createScratchDatabase(server.adminUrl, `douyin_kit_e2e_${process.pid}`);
    cleanups.push(() => database.drop());
    const databaseUrl = database.url;
    await runMigrations({ connectionString: databaseUrl });

    const emulator = await startEmulator({ seed: DEFAULT_DEV_SEED });
    cleanups.push(() => emulator.close());
    const app = DEFAULT_DEV_SEED.apps![0]!;
    const privateKeyPem = (await new EmulatorAdmin(emulator.url).app(app.appid!))?.privateKeyPem;
    if (!privateKeyPem) throw new Error(`the emulator has no private key for its dev app ${app.appid}`);

    const preview = await serveH5();
    cleanups.push(() => preview.close());
    const adminKey = randomBytes(32).toString('hex');
    const logFile = join(OUTPUT_DIR, `api-${process.pid}.log`);
    rmSync(logFile, { force: true });
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // The H5 build (~25 s) runs while the API boots.
    const [started, built] = await Promise.allSettled([
      startApi(
        {
          DATABASE_URL: databaseUrl,
          DOUYIN_APP_ID: app.appid!,
          DOUYIN_APP_SECRET: app.secret!,
          DOUYIN_APPS_BASE_URL: emulator.url,
          DOUYIN_OPEN_BASE_URL: emulator.url,
          DOUYIN_APP_PRIVATE_KEY: privateKeyPem,
          ADMIN_API_KEY: adminKey,
          CORS_ORIGINS: preview.url,
          LOG_LEVEL: 'log',
        },
        logFile,
        apiPort,
      ),
      buildH5({ apiUrl, emulatorUrl: emulator.url, appId: app.appid! }),
    ]);
    if (started.status === 'fulfilled') cleanups.push(() => started.value.stop());
    if (started.status === 'rejected') throw started.reason;
    if (built.status === 'rejected') throw built.reason;
    const api = started.value;
    project.provide('stack', {
      apiUrl: api.url,
      emulatorUrl: emulator.url,
      appId: app.appid!,
      databaseUrl,
      adminKey,
      h5Url: preview.url,
    });
    console.log(`[e2e] API ${api.url}, emulator ${emulator.url}, H5 preview ${preview.url}, database ${database.name} on ${server.description}`);

    return async () => {
      await api.stop();
      // Only the API's output here: the journeys' responses are checked by the API's own suite.
      const leaks = await findLeakedSecrets({ log: logFile, responses: join(OUTPUT_DIR, 'no-responses') }, emulator.url, [
        ['adminKey', DEV_ADMIN_API_KEY],
        ['adminKey (this run’s ADMIN_API_KEY)', adminKey],
      ]);
      await cleanUp();
      if (leaks.length) {
        process.exitCode = 1;
        throw new Error(`Secrets in the API's output (${logFile}):\n  ${leaks.join('\n  ')}`);
      }
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
