import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryTokenStore } from '../src/index.js';
import { delta, type EmuApp, EmulatorHarness, rejection } from './emulator-harness.js';

let h: EmulatorHarness;
let app: EmuApp;

beforeAll(async () => {
  h = await EmulatorHarness.start();
  app = await h.createApp();
});
afterAll(() => h.close());

describe('raw token endpoints', () => {
  it('getAppAccessToken returns a 2-hour token', async () => {
    const token = await h.client(app).getAppAccessToken();
    expect(token.accessToken).not.toBe('');
    expect(token.expiresIn).toBe(7200);
  });

  it('getClientToken returns a 2-hour clt. token', async () => {
    const token = await h.client(app).getClientToken();
    expect(token.accessToken).toMatch(/^clt\./);
    expect(token.expiresIn).toBe(7200);
  });

  it('app token: 40015 bad appid, 40017 bad secret', async () => {
    expect(await rejection(h.client({ ...app, appid: 'tt_nope' }).getAppAccessToken())).toMatchObject({ errNo: 40015, kind: 'bad_credentials' });
    expect(await rejection(h.client({ ...app, secret: 'nope' }).getAppAccessToken())).toMatchObject({
      errNo: 40017,
      kind: 'bad_credentials',
      endpoint: '/api/apps/v2/token',
    });
  });

  it.each([
    [40020, 'bad_request'],
    [40014, 'bad_request'],
  ])('app token: %i → %s, not retried', async (errNo, kind) => {
    await h.fault({ operation: 'token', errNo, times: 1 });
    const before = await h.calls();
    expect(await rejection(h.client(app).getAppAccessToken())).toMatchObject({ errNo, kind });
    expect(delta(await h.calls(), before)).toEqual({ token: 1 });
  });

  it('app token: -1 system error is retried, and succeeds when the server recovers', async () => {
    await h.fault({ operation: 'token', errNo: -1, times: 1 });
    const before = await h.calls();
    await expect(h.client(app).getAppAccessToken()).resolves.toMatchObject({ expiresIn: 7200 });
    expect(delta(await h.calls(), before)).toEqual({ token: 2 });
  });

  it('app token: -1 that persists gives system_busy after 3 attempts', async () => {
    await h.fault({ operation: 'token', errNo: -1, times: 3 });
    const before = await h.calls();
    expect(await rejection(h.client(app).getAppAccessToken())).toMatchObject({ errNo: -1, kind: 'system_busy' });
    expect(delta(await h.calls(), before)).toEqual({ token: 3 });
  });

  it('client_token: 10003 unknown key, 10013 wrong secret', async () => {
    expect(await rejection(h.client({ ...app, appid: 'tt_nope' }).getClientToken())).toMatchObject({ errNo: 10003, kind: 'bad_credentials' });
    expect(await rejection(h.client({ ...app, secret: 'nope' }).getClientToken())).toMatchObject({
      errNo: 10013,
      kind: 'bad_credentials',
      endpoint: '/oauth/client_token/',
    });
  });

  it.each([
    [10002, 'bad_request'],
    [10020, 'rate_limited'],
  ])('client_token: %i → %s', async (errNo, kind) => {
    await h.fault({ operation: 'client_token', errNo, times: 1 });
    expect(await rejection(h.client(app).getClientToken())).toMatchObject({ errNo, kind });
  });

  it('client_token: a real rate limit (10020) from the emulator', async () => {
    const limited = await EmulatorHarness.start({ clientTokenRateLimit: { max: 2, windowSeconds: 300 } });
    try {
      const a = await limited.createApp();
      const c = limited.client(a);
      await c.getClientToken();
      await c.getClientToken();
      expect(await rejection(c.getClientToken())).toMatchObject({ errNo: 10020, kind: 'rate_limited' });
    } finally {
      await limited.close();
    }
  });
});

describe('stable client_token', () => {
  it('getStableClientToken returns the same token on every call and cuts nothing', async () => {
    const own = await h.createApp();
    const client = h.client(own);
    const first = await client.getStableClientToken();
    expect(first).toMatchObject({ accessToken: expect.stringMatching(/^clt\./), expiresIn: 7200 });
    const second = await h.client(own).getStableClientToken();
    expect(second.accessToken).toBe(first.accessToken);
    // A standard fetch after it is a new token, which the stable endpoint then hands out.
    const standard = await client.getClientToken();
    expect(standard.accessToken).not.toBe(first.accessToken);
    expect((await client.getStableClientToken()).accessToken).toBe(standard.accessToken);
  });

  it("clientTokenMode 'stable': instances with separate stores share one token and never cut each other's", async () => {
    const own = await h.createApp();
    const user = await h.createUser(own.appid);
    const tpl = await h.template(own.appid);
    const instances = [1, 2, 3].map(() => h.client(own, { clientTokenMode: 'stable' }));
    expect(instances[0]!.clientTokenMode).toBe('stable');
    const before = await h.calls();
    const tokens = await Promise.all(instances.map((c) => c.clientTokens.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(delta(await h.calls(), before)).toEqual({ stable_client_token: 3 });
    // Each instance refreshing again still gets the token the others hold: all keep working.
    const again = h.client(own, { clientTokenMode: 'stable' });
    expect(await again.clientTokens.getToken()).toBe(tokens[0]);
    for (const c of instances) await expect(c.queryUserSubscribe({ templateId: tpl, openId: user.openid })).resolves.toBeDefined();
  });

  it("clientTokenMode 'standard' (the default): separate stores cut each other, the third fetch ends the first token at once", async () => {
    const own = await h.createApp();
    const user = await h.createUser(own.appid);
    const tpl = await h.template(own.appid);
    const [a, b, c] = [1, 2, 3].map(() => h.client(own));
    expect(a!.clientTokenMode).toBe('standard');
    const tokenA = await a!.clientTokens.getToken();
    await b!.clientTokens.getToken();
    await c!.clientTokens.getToken();
    expect(await b!.clientTokens.getToken()).not.toBe(tokenA);
    // A's token is gone upstream (only the two newest are kept): its broker renews once and succeeds.
    const before = await h.calls();
    await expect(a!.queryUserSubscribe({ templateId: tpl, openId: user.openid })).resolves.toBeDefined();
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, query_user_subscribe: 2 });
  });

  it('refuses an unknown clientTokenMode', () => {
    expect(() => h.client(app, { clientTokenMode: 'sometimes' as never })).toThrow(/clientTokenMode/);
  });
});

describe('token brokers over real HTTP', () => {
  it('200 concurrent callers on a cold cache cause exactly one client_token fetch', async () => {
    const user = await h.createUser(app.appid);
    const tpl = await h.template(app.appid);
    const client = h.client(app);
    const before = await h.calls();
    const results = await Promise.all(Array.from({ length: 200 }, () => client.queryUserSubscribe({ templateId: tpl, openId: user.openid })));
    expect(results).toHaveLength(200);
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, query_user_subscribe: 200 });
    expect(client.clientTokens.fetchCount).toBe(1);
  });

  it('200 concurrent app-token callers on a cold cache: one fetch', async () => {
    const client = h.client(app);
    const before = await h.calls();
    const tokens = await Promise.all(Array.from({ length: 200 }, () => client.appTokens.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(delta(await h.calls(), before)).toEqual({ token: 1 });
  });

  it('the two credentials are cached independently', async () => {
    const client = h.client(app);
    const before = await h.calls();
    await client.appTokens.getToken();
    await client.clientTokens.getToken();
    await client.appTokens.getToken();
    await client.clientTokens.getToken();
    expect(delta(await h.calls(), before)).toEqual({ token: 1, client_token: 1 });
  });

  it('a token rejected upstream (28001008 once) → one refresh and one retry', async () => {
    const user = await h.createUser(app.appid);
    const tpl = await h.template(app.appid);
    const client = h.client(app);
    await client.clientTokens.getToken();
    await h.fault({ operation: 'query_user_subscribe', errNo: 28001008, times: 1 });
    const before = await h.calls();
    await expect(client.queryUserSubscribe({ templateId: tpl, openId: user.openid })).resolves.toBeDefined();
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, query_user_subscribe: 2 });
  });

  it('a token that really expired upstream (emulator clock) is replaced once', async () => {
    const user = await h.createUser(app.appid);
    const tpl = await h.template(app.appid);
    const client = h.client(app); // its own clock does not move: it believes the token is fresh
    await client.clientTokens.getToken();
    await h.advance(7300);
    const before = await h.calls();
    await expect(client.queryUserSubscribe({ templateId: tpl, openId: user.openid })).resolves.toBeDefined();
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, query_user_subscribe: 2 });
  });

  it('refreshes before expiry, following the injected clock', async () => {
    let now = Date.now();
    const client = h.client(app, { now: () => now });
    const before = await h.calls();
    const first = await client.appTokens.getToken();
    now += 3500 * 1000;
    expect(await client.appTokens.getToken()).toBe(first);
    now += 200 * 1000; // past half of the 2-hour lifetime
    const second = await client.appTokens.getToken();
    expect(second).not.toBe(first);
    expect(delta(await h.calls(), before)).toEqual({ token: 2 });
  });

  it('two instances sharing one store share one token', async () => {
    const store = new InMemoryTokenStore();
    const a = h.client(app, { tokenStore: store });
    const b = h.client(app, { tokenStore: store });
    const before = await h.calls();
    expect(await a.clientTokens.getToken()).toBe(await b.clientTokens.getToken());
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1 });
  });
});
