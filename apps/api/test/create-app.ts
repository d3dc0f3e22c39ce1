import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino, type DestinationStream } from 'pino';
import { inject } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { bootstrap, createFastifyAdapter } from '../src/bootstrap.js';
import { AppConfig, parseEnv } from '../src/core/config/app-config.js';
import { LOG_CAPTURE } from '../src/core/logging/logging.module.js';
import { captureResponses } from './response-capture.js';

export interface RunningApp {
  app: NestFastifyApplication;
  /** e.g. http://127.0.0.1:43121 */
  baseUrl: string;
  close: () => Promise<void>;
}

/**
 * Defaults for every test app: quiet stdout, and login, admin and subscription limits the suites (which call
 * from 127.0.0.1 thousands of times) never reach; the rate-limit tests pass low ones.
 * Notification workers run only in the apps of the suites that test them (they poll the shared
 * database).
 */
const TEST_ENV = {
  LOG_LEVEL: 'error',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  ADMIN_RATE_LIMIT_PER_MINUTE: '100000',
  SUBSCRIPTION_RATE_LIMIT_PER_MINUTE: '100000',
  NOTIFY_WORKERS_IN_PROCESS: 'false',
};

/**
 * One append-mode handle per worker, never closed: Nest's static Logger writes through the
 * last app's logger, so a stream ended when one app closes would break another still running.
 */
let capture: DestinationStream | undefined;
/** Every answer of every app of this worker, for the same teardown scan (see response-capture.ts). */
let responses: DestinationStream | undefined;

/**
 * The real app (same modules, same bootstrap as main.ts) listening on a free local port.
 * `env` overrides environment variables for this instance only. Every log line at every level
 * also goes to this run's capture file, and every response (status, headers, body) to the
 * response capture: global teardown scans both for secrets.
 * `beforeInit` sees the app after bootstrap, before routes are registered.
 */
export async function startApp(
  env: Record<string, string> = {},
  options: { beforeInit?: (app: NestFastifyApplication) => void } = {},
): Promise<RunningApp> {
  capture ??= pino.destination({ dest: inject('logCaptureFile'), append: true, sync: true });
  responses ??= pino.destination({ dest: inject('responseCaptureFile'), append: true, sync: true });
  const config = new AppConfig(parseEnv({ ...process.env, ...TEST_ENV, ...env }));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(LOG_CAPTURE)
    .useValue(capture)
    .compile();
  const app = bootstrap(moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config)));
  captureResponses(app, responses);
  options.beforeInit?.(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => app.close(),
  };
}

/**
 * Extra instances with other settings (another app id, a missing key, ...) for one test file.
 * They stay up until `closeAll` in afterAll: Nest's logger is process-wide, and closing one
 * instance mid-file must not pull the log stream from under the others.
 */
export function extraApps() {
  const apps: RunningApp[] = [];
  return {
    async start(env: Record<string, string>): Promise<RunningApp> {
      const app = await startApp(env);
      apps.push(app);
      return app;
    },
    async closeAll(): Promise<void> {
      for (const app of apps.splice(0)) await app.close();
    },
  };
}
