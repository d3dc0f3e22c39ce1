import { randomUUID } from 'node:crypto';
import { TokenRefreshLockTimeoutError } from '@douyin-kit/douyin-client';
import { extraApps } from '../../../test/create-app.js';
import { tokenField } from './token-sealer.js';
import {
  callCounter,
  tokenRow,
  fetchesOf,
  freshEmulatorApp,
  startInstances,
  storedToken,
  testSecretBox,
  tokenRefused,
} from '../../../test/douyin-tokens.js';
import { emulator } from '../../../test/emulator.js';

// Several API instances of one mini-program, sharing the token row in this run's database.
// Each test registers its own emulator app: its rows start cold and its upstream calls are its own.
const apps = extraApps();
afterAll(() => apps.closeAll());

describe('tokens shared through PostgreSQL', () => {
  it('lets 4 cold instances, 100 callers per kind each, fetch each token exactly once', async () => {
    const app = await freshEmulatorApp();
    // The latency keeps the winner's fetch in flight while every instance piles onto the lock.
    const tokenCalls = await callCounter('token', { appid: app.appid }, 300);
    const clientTokenCalls = await callCounter('client_token', { client_key: app.appid }, 300);
    try {
      const instances = await startInstances(apps, app, 4);

      // Per instance: 100 callers of each kind at once, all instances at once.
      const results = await Promise.all(
        instances.map(async ({ client }) => {
          const [appTokens, clientTokens] = await Promise.all([
            Promise.all(Array.from({ length: 100 }, () => client.appTokens.getToken())),
            Promise.all(Array.from({ length: 100 }, () => client.clientTokens.getToken())),
          ]);
          return { appTokens, clientTokens };
        }),
      );

      expect(await tokenCalls.count()).toBe(1);
      expect(await clientTokenCalls.count()).toBe(1);
      expect(fetchesOf(instances, 'app_access_token')).toBe(1);
      expect(fetchesOf(instances, 'client_token')).toBe(1);
      expect(new Set(results.flatMap((r) => r.appTokens)).size).toBe(1);
      expect(new Set(results.flatMap((r) => r.clientTokens)).size).toBe(1);
      expect((await tokenRow(app.appid, 'app_access_token'))?.version).toBe(1);
      expect(await storedToken(app.appid, 'client_token')).toBe(results[0]!.clientTokens[0]);
    } finally {
      await tokenCalls.remove();
      await clientTokenCalls.remove();
    }
  });

  it("gives up on another instance's refresh after DOUYIN_TOKEN_LOCK_WAIT_MS instead of waiting it out", async () => {
    const app = await freshEmulatorApp();
    // Douyin takes 1 s to hand out the token (the tests' DOUYIN_TIMEOUT_MS is longer): the winner
    // holds the refresh lock all that time.
    const clientTokenCalls = await callCounter('client_token', { client_key: app.appid }, 1000);
    try {
      const [winner, waiter] = await startInstances(apps, app, 2, { DOUYIN_TOKEN_LOCK_WAIT_MS: '300' });
      const won = winner!.client.clientTokens.getToken();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const gaveUp = await waiter!.client.clientTokens.getToken().then(
        () => null,
        (error: unknown) => error,
      );
      const waitedMs = Date.now() - started;

      // A request would answer 503 DATABASE_UNAVAILABLE with Retry-After (database-errors.ts).
      expect(gaveUp).toBeInstanceOf(TokenRefreshLockTimeoutError);
      expect(waitedMs).toBeGreaterThanOrEqual(300);
      expect(waitedMs).toBeLessThan(1500);
      // The winner still gets its token, fetched once; the next call of the waiter reuses it.
      const token = await won;
      expect(await waiter!.client.clientTokens.getToken()).toBe(token);
      expect(await clientTokenCalls.count()).toBe(1);
    } finally {
      await clientTokenCalls.remove();
    }
  });

  it('DOUYIN_CLIENT_TOKEN_MODE=stable fetches from stable_client_token, which hands out the token a stranger already holds', async () => {
    const app = await freshEmulatorApp();
    // Another process of the app, outside this deployment, fetched the stable token first.
    const body = { client_key: app.appid, client_secret: app.secret, grant_type: 'client_credential' };
    const outside = await fetch(`${emulator.url}/oauth/stable_client_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.json() as Promise<{ data: { access_token: string } }>);
    const standardCalls = await callCounter('client_token', { client_key: app.appid });
    const stableCalls = await callCounter('stable_client_token', { client_key: app.appid });
    try {
      const [instance] = await startInstances(apps, app, 1, { DOUYIN_CLIENT_TOKEN_MODE: 'stable' });
      expect(instance!.client.clientTokenMode).toBe('stable');
      expect(await instance!.client.clientTokens.getToken()).toBe(outside.data.access_token);
      expect([await stableCalls.count(), await standardCalls.count()]).toEqual([1, 0]);
    } finally {
      await standardCalls.remove();
      await stableCalls.remove();
    }
  });

  it('invalidates only the token that failed: a late report about T1 leaves T2 in place', async () => {
    const app = await freshEmulatorApp();
    const [a, b] = await startInstances(apps, app, 2);
    const t1 = await a!.client.clientTokens.getToken();

    // B is told by the platform that T1 is no good: it drops it and refreshes to T2.
    const seen: string[] = [];
    await b!.client.clientTokens.withToken(async (token) => {
      seen.push(token);
      if (seen.length === 1) throw tokenRefused();
    });
    const t2 = seen[1]!;
    expect(seen[0]).toBe(t1);
    expect(t2).not.toBe(t1);

    // A's report about T1 arrives after B's refresh.
    expect(await a!.client.clientTokens.invalidate(t1)).toBe(false);

    expect(await storedToken(app.appid, 'client_token')).toBe(t2);
    expect(await a!.client.clientTokens.getToken()).toBe(t2);
    expect(fetchesOf([a!, b!], 'client_token')).toBe(2);
  });

  it('recovers from a token the platform refuses with one refresh and one retry', async () => {
    const app = await freshEmulatorApp();
    const templateId = `tpl_${randomUUID().slice(0, 8)}`;
    await emulator.client.createTemplate({ appid: app.appid, templateId, title: 'Order shipped', kind: 'one_time' });
    const user = await emulator.client.createUser({ appid: app.appid, nickname: 'Token Test' });
    const clientTokenCalls = await callCounter('client_token', { client_key: app.appid });
    const queryCalls = await callCounter('query_user_subscribe', { open_id: user.openid });
    const refuse = await emulator.fault({ operation: 'query_user_subscribe', errNo: 28001008, times: 1, match: { open_id: user.openid } });
    try {
      const [instance] = await startInstances(apps, app, 1);
      const first = await instance!.client.clientTokens.getToken();

      const status = await instance!.client.queryUserSubscribe({ templateId, openId: user.openid });

      expect(status).toMatchObject({ subscribeStatus: 0, subscribed: false });
      expect(await queryCalls.count()).toBe(2);
      expect(await clientTokenCalls.count()).toBe(2);
      const second = await storedToken(app.appid, 'client_token');
      expect(second).not.toBe(first);
      expect(await instance!.client.clientTokens.getToken()).toBe(second);
      expect((await tokenRow(app.appid, 'client_token'))?.version).toBe(1); // the refused row was deleted
    } finally {
      await refuse();
      await clientTokenCalls.remove();
      await queryCalls.remove();
    }
  });

  it('stores tokens sealed: the column never holds the token in clear', async () => {
    const app = await freshEmulatorApp();
    const [instance] = await startInstances(apps, app, 1);
    const token = await instance!.client.appTokens.getToken();

    const row = (await tokenRow(app.appid, 'app_access_token'))!;
    const box = testSecretBox();
    for (const encoding of ['utf8', 'hex', 'base64'] as const) {
      expect(row.value.includes(Buffer.from(token).toString(encoding))).toBe(false);
    }
    expect(row.value.includes(Buffer.from(token))).toBe(false);
    expect(row.key_id).toBe(`v2:${box.currentKeyId}`);
    expect(box.open({ keyId: row.key_id, blob: row.value }, tokenField(`app_access_token:${app.appid}`)).toString()).toBe(token);
    expect(row.expires_at.getTime() - row.obtained_at.getTime()).toBe(7_200_000);
  });
});
