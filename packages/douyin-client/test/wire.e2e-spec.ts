import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DouyinTransportError } from '../src/index.js';
import { delta, type EmuApp, EmulatorHarness, rejection } from './emulator-harness.js';

// What the client puts on the wire and how it takes a gateway's answer, checked against the
// emulator's record of each call (method, path, content type, headers).

let h: EmulatorHarness;
let app: EmuApp;

beforeAll(async () => {
  h = await EmulatorHarness.start({ notifyMinIntervalMs: 0 });
  app = await h.createApp();
});
afterAll(() => h.close());

describe('the request on the wire', () => {
  it('sends content-type application/json exactly, no charset, on every kind of call', async () => {
    const client = h.client(app);
    const user = await h.createUser(app.appid);
    const tpl = await h.template(app.appid);
    await h.subscribe(app.appid, user.id, tpl);
    await client.code2Session({ code: (await h.login(app.appid, user.id)).code! });
    await client.notifyV1({ templateId: tpl, openId: user.openid, data: { a: 'b' } });
    await client.queryUserSubscribe({ templateId: tpl, openId: user.openid });
    await client.getStableClientToken();

    const calls = (await h.admin.recentCalls()).reverse(); // newest first
    const operations = ['jscode2session', 'token', 'notify_v1', 'client_token', 'query_user_subscribe', 'stable_client_token'] as const;
    for (const operation of operations) {
      const call = calls.find((c) => c.operation === operation);
      expect(call, operation).toMatchObject({ method: 'POST', contentType: 'application/json' });
    }
    // The open platform's token goes in the access-token header, never in Authorization.
    const query = calls.find((c) => c.operation === 'query_user_subscribe')!;
    expect(query.headers['access-token']).toMatch(/^clt\./);
    expect(query.headers.authorization).toBeUndefined();
  });
});

describe('a gateway answering 502 with an HTML page', () => {
  const gateway502 = (operation: 'jscode2session' | 'notify_v2' | 'query_user_subscribe' | 'token', times: number) =>
    h.admin.addFault({ operation, httpStatus: 502, times, match: { ...(operation === 'token' ? { appid: app.appid } : {}) } });

  it('is an http_error transport error with the status, and a read is retried until it recovers', async () => {
    const client = h.client(app);
    const user = await h.createUser(app.appid);
    const tpl = await h.template(app.appid);
    await client.clientTokens.getToken();
    await gateway502('query_user_subscribe', 1);
    const before = await h.calls();
    await expect(client.queryUserSubscribe({ templateId: tpl, openId: user.openid })).resolves.toMatchObject({ subscribed: false });
    expect(delta(await h.calls(), before)).toEqual({ query_user_subscribe: 2 });

    await gateway502('query_user_subscribe', 3);
    const err = await rejection(client.queryUserSubscribe({ templateId: tpl, openId: user.openid }));
    expect(err).toBeInstanceOf(DouyinTransportError);
    expect(err).toMatchObject({ kind: 'http_error', httpStatus: 502, mayHaveReachedServer: true });
    expect(err.message).not.toMatch(/<html|nginx/);
  });

  it('is not retried for a message send, a single-use code or a token fetch (each may have taken effect)', async () => {
    const client = h.client(app);
    const user = await h.createUser(app.appid);
    const tpl = await h.template(app.appid);
    await h.subscribe(app.appid, user.id, tpl);
    await client.clientTokens.getToken();

    await gateway502('notify_v2', 1);
    let before = await h.calls();
    expect(await rejection(client.notifyV2({ templateId: tpl, openId: user.openid, data: { a: 'b' } }))).toMatchObject({
      kind: 'http_error',
      httpStatus: 502,
    });
    expect(delta(await h.calls(), before)).toEqual({ notify_v2: 1 });

    await gateway502('jscode2session', 1);
    before = await h.calls();
    expect(await rejection(client.code2Session({ code: (await h.login(app.appid, user.id)).code! }))).toMatchObject({ kind: 'http_error' });
    expect(delta(await h.calls(), before)).toEqual({ jscode2session: 1 });

    await gateway502('token', 1);
    before = await h.calls();
    expect(await rejection(client.getAppAccessToken())).toMatchObject({ kind: 'http_error', httpStatus: 502 });
    expect(delta(await h.calls(), before)).toEqual({ token: 1 });
  });
});
