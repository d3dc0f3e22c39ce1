import { DouyinApiError, DouyinClient } from '@douyin-kit/douyin-client';
import type { CallCounter, Operation } from '@douyin-kit/douyin-emulator/admin';
import { AppConfig, parseEnv } from '../src/core/config/app-config.js';
import { SecretBox } from '../src/core/crypto/secret-box.js';
import { TokenFetchMetrics } from '../src/core/douyin/token-fetch-metrics.js';
import { tokenField } from '../src/core/douyin/token-sealer.js';
import { sql } from './api-user.js';
import type { extraApps, RunningApp } from './create-app.js';
import { emulator } from './emulator.js';

/** Support for the e2e specs of the shared Douyin token store. */

export interface EmulatorApp {
  appid: string;
  secret: string;
  privateKeyPem: string;
}

/** A mini-program nobody else in the run uses: its token rows start cold and its calls are ours. */
export function freshEmulatorApp(): Promise<EmulatorApp> {
  return emulator.createApp();
}

export interface Instance {
  running: RunningApp;
  client: DouyinClient;
  metrics: TokenFetchMetrics;
}

/** `count` separate API instances of `app` (own Nest app, Prisma client and pg pool each). */
export async function startInstances(
  apps: ReturnType<typeof extraApps>,
  app: EmulatorApp,
  count: number,
  extraEnv: Record<string, string> = {},
): Promise<Instance[]> {
  const env = { DOUYIN_APP_ID: app.appid, DOUYIN_APP_SECRET: app.secret, DOUYIN_APP_PRIVATE_KEY: app.privateKeyPem, ...extraEnv };
  const started = await Promise.all(Array.from({ length: count }, () => apps.start(env)));
  return started.map((running) => ({
    running,
    client: running.app.get(DouyinClient),
    metrics: running.app.get(TokenFetchMetrics),
  }));
}

/**
 * Counts one app's calls of an operation. The emulator's call counters are global and other
 * test files run in parallel; a fault rule that only adds latency fires on, and counts, every
 * call matching its fields without changing the answer.
 */
export function callCounter(operation: Operation, match: Record<string, string>, latencyMs = 0): Promise<CallCounter> {
  return emulator.client.countCalls(operation, match, latencyMs);
}

/** What the platform answers when it refuses a token (kind `token_invalid`). */
export function tokenRefused(): DouyinApiError {
  return new DouyinApiError({
    errNo: 28001008,
    platformMessage: 'access_token expired',
    operation: 'notify_v2',
    endpoint: '/api/notification/v2/subscription/notify_user/',
    httpStatus: 200,
    raw: {},
  });
}

export interface TokenRow {
  value: Buffer;
  key_id: string;
  version: number;
  expires_at: Date;
  obtained_at: Date;
}

/** The row of one app's token in the client's PostgresTokenStore table. */
export async function tokenRow(appId: string, kind: 'app_access_token' | 'client_token'): Promise<TokenRow | undefined> {
  const [row] = await sql<TokenRow>('SELECT value, key_id, version, expires_at, obtained_at FROM douyin_tokens WHERE key = $1', [`${kind}:${appId}`]);
  return row;
}

/** The stored token, opened with the run's data keys. */
export async function storedToken(appId: string, kind: 'app_access_token' | 'client_token'): Promise<string | undefined> {
  const row = await tokenRow(appId, kind);
  if (!row) return undefined;
  return testSecretBox()
    .open({ keyId: row.key_id, blob: row.value }, tokenField(`${kind}:${appId}`))
    .toString();
}

export function testSecretBox(): SecretBox {
  return new SecretBox(new AppConfig(parseEnv(process.env)).encryption.dataKeys);
}

export function fetchesOf(instances: Instance[], kind: 'app_access_token' | 'client_token'): number {
  return instances.reduce((sum, i) => sum + i.metrics.snapshot()[kind].ok, 0);
}
