import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_KEYS } from '@douyin-kit/api/config';
import type { EmulatorApp } from './emulator.js';
import { freePort } from '@douyin-kit/test-infra/postgres';
import { rssMiB, spawnNode, waitFor200, type Child } from './processes.js';

/**
 * The servers under test: the API as users run it (default `LOG_LEVEL`, one access line per
 * request), the API with `LOG_LEVEL=warn`, and the baseline.
 */
export const SERVER_NAMES = ['API', 'API (warn)', 'baseline'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** A server under test, as a child process. */
export interface Server {
  name: ServerName;
  url: string;
  child: Child;
  /** Resident memory (MiB) once it answered its first request, before any load. */
  idleRssMiB?: number;
}

export const API_MAIN = fileURLToPath(import.meta.resolve('@douyin-kit/api/main'));
const BASELINE_MAIN = fileURLToPath(new URL('../baseline/server.ts', import.meta.url));

/** A data key for this run only (both servers seal with a key of the same size). */
export const RUN_DATA_KEYS = `bench:${randomBytes(32).toString('base64')}`;

export interface ApiOptions {
  databaseUrl: string;
  emulatorUrl: string;
  app: EmulatorApp;
  /** Node flags before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** `LOG_LEVEL`; unset runs the API's default, as users do. */
  logLevel?: string;
}

/** The environment the API child runs with: nothing inherited that the API would read. */
export function apiEnv(options: ApiOptions, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ENV_KEYS) delete env[key];
  return {
    ...env,
    // `test`: JSON logs (no pretty printer) and no .env file read; `production` would refuse
    // the emulator's plain-HTTP URLs.
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    ...(options.logLevel ? { LOG_LEVEL: options.logLevel } : {}),
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    DATA_ENCRYPTION_KEYS: RUN_DATA_KEYS,
    DOUYIN_APP_ID: options.app.appid,
    DOUYIN_APP_SECRET: options.app.secret,
    DOUYIN_APP_PRIVATE_KEY: options.app.privateKeyPem,
    DOUYIN_APPS_BASE_URL: options.emulatorUrl,
    DOUYIN_OPEN_BASE_URL: options.emulatorUrl,
  };
}

/**
 * Spawns `node apps/api/dist/main.js` and waits for its first 200 from /ready. `readyMs` is
 * the time from spawn to that answer (the cold-start figure).
 */
export async function startApi(options: ApiOptions): Promise<Server & { readyMs: number }> {
  const port = await freePort();
  const env = apiEnv(options, port);
  const started = performance.now();
  const child = spawnNode('API', [...(options.nodeArgs ?? []), API_MAIN], env, dirname(dirname(API_MAIN)));
  const url = `http://127.0.0.1:${port}`;
  const readyAt = await waitFor200(`${url}/ready`, child);
  const name: ServerName = options.logLevel === 'warn' ? 'API (warn)' : 'API';
  return { name, url, child, readyMs: readyAt - started, idleRssMiB: rssMiB(child.process.pid) };
}

export async function startBaseline(options: {
  databaseUrl: string;
  emulatorUrl: string;
  app: EmulatorApp;
  /** Node flags before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
}): Promise<Server> {
  const child = spawnNode('baseline', [...(options.nodeArgs ?? []), '--import', 'tsx', BASELINE_MAIN], {
    ...process.env,
    NODE_ENV: 'production',
    BASELINE_DATABASE_URL: options.databaseUrl,
    DOUYIN_APP_ID: options.app.appid,
    DOUYIN_APP_SECRET: options.app.secret,
    DOUYIN_APPS_BASE_URL: options.emulatorUrl,
    DATA_ENCRYPTION_KEYS: RUN_DATA_KEYS,
  });
  const { url } = await child.firstJsonLine<{ url: string }>();
  await waitFor200(`${url}/health`, child);
  return { name: 'baseline', url, child, idleRssMiB: rssMiB(child.process.pid) };
}
