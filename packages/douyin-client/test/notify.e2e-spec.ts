import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AxiosTransport, DouyinClient, type DouyinTransport } from '../src/index.js';
import { delta, type EmuApp, type EmuUser, EmulatorHarness, rejection } from './emulator-harness.js';

let h: EmulatorHarness;
let app: EmuApp;
let client: DouyinClient;
let user: EmuUser;
let tpl: string;

beforeAll(async () => {
  h = await EmulatorHarness.start({ notifyMinIntervalMs: 0 });
  app = await h.createApp();
  client = h.client(app);
});
afterAll(() => h.close());

/** A fresh user subscribed to a fresh long-term template. */
beforeEach(async () => {
  user = await h.createUser(app.appid);
  tpl = await h.template(app.appid);
  await h.subscribe(app.appid, user.id, tpl);
});

const data = { 物品名称: '耳机', 状态: '已发货' };

describe('notifyV1', () => {
  it('delivers flat string data with the brokered app token', async () => {
    await client.notifyV1({ templateId: tpl, openId: user.openid, data, page: 'pages/order/index' });
    const inbox = await h.inbox(app.appid, user.openid);
    expect(inbox).toEqual([expect.objectContaining({ templateId: tpl, data, page: 'pages/order/index', apiVersion: 'v1' })]);
  });

  it('accepts an explicit access token', async () => {
    const { accessToken } = await client.getAppAccessToken();
    await client.notifyV1({ accessToken, templateId: tpl, openId: user.openid, data });
    expect(await h.inbox(app.appid, user.openid)).toHaveLength(1);
  });

  it('28014043: user not subscribed', async () => {
    const other = await h.createUser(app.appid);
    expect(await rejection(client.notifyV1({ templateId: tpl, openId: other.openid, data }))).toMatchObject({
      errNo: 28014043,
      kind: 'not_subscribed',
    });
  });

  it('1001: unknown template', async () => {
    expect(await rejection(client.notifyV1({ templateId: 'tpl_unknown', openId: user.openid, data }))).toMatchObject({
      errNo: 1001,
      kind: 'bad_request',
    });
  });

  it('1008: content rejected', async () => {
    const err = await rejection(client.notifyV1({ templateId: tpl, openId: user.openid, data: { 物品名称: '__forbidden__' } }));
    expect(err).toMatchObject({ errNo: 1008, kind: 'content_rejected' });
  });

  it('1009: push banned by the user', async () => {
    const banned = await h.createUser(app.appid);
    await h.admin.subscribe({ appid: app.appid, userId: banned.id, tmplIds: [tpl], decisions: { [tpl]: 'ban' } });
    expect(await rejection(client.notifyV1({ templateId: tpl, openId: banned.openid, data }))).toMatchObject({ errNo: 1009, kind: 'banned' });
  });

  it.each([
    [1000, 'bad_request'],
    [1010, 'rate_limited'],
    [2000, 'system_busy'],
    [28006003, 'rate_limited'],
  ])('%i → %s, never re-sent', async (errNo, kind) => {
    await h.fault({ operation: 'notify_v1', errNo, times: 1 });
    await client.appTokens.getToken();
    const before = await h.calls();
    expect(await rejection(client.notifyV1({ templateId: tpl, openId: user.openid, data }))).toMatchObject({ errNo, kind });
    expect(delta(await h.calls(), before)).toEqual({ notify_v1: 1 });
  });

  it('1010: a real per-user rate limit', async () => {
    const strict = await EmulatorHarness.start();
    try {
      const a = await strict.createApp();
      const u = await strict.createUser(a.appid);
      const t = await strict.template(a.appid);
      await strict.subscribe(a.appid, u.id, t);
      const c = strict.client(a);
      await c.notifyV1({ templateId: t, openId: u.openid, data });
      expect(await rejection(c.notifyV1({ templateId: t, openId: u.openid, data }))).toMatchObject({ errNo: 1010, kind: 'rate_limited' });
    } finally {
      await strict.close();
    }
  });

  it('an expired token (28001008 once) → one refresh, one retry, one message', async () => {
    await client.appTokens.getToken();
    await h.fault({ operation: 'notify_v1', errNo: 28001008, times: 1 });
    const before = await h.calls();
    await client.notifyV1({ templateId: tpl, openId: user.openid, data });
    expect(delta(await h.calls(), before)).toEqual({ token: 1, notify_v1: 2 });
    expect(await h.inbox(app.appid, user.openid)).toHaveLength(1);
  });
});

describe('notifyV2', () => {
  it('delivers with the client_token header and notify_type', async () => {
    await client.notifyV2({ templateId: tpl, openId: user.openid, data, page: 'pages/a/index', notifyType: [1, 2] });
    expect(await h.inbox(app.appid, user.openid)).toEqual([expect.objectContaining({ templateId: tpl, data, apiVersion: 'v2', notifyType: [1, 2] })]);
  });

  it('28014043 not subscribed and 28014001 content rejected, with log ids', async () => {
    const other = await h.createUser(app.appid);
    const a = await rejection(client.notifyV2({ templateId: tpl, openId: other.openid, data }));
    expect(a).toMatchObject({ errNo: 28014043, kind: 'not_subscribed', endpoint: '/api/notification/v2/subscription/notify_user/' });
    expect(a.logId).toBeTruthy();
    const b = await rejection(client.notifyV2({ templateId: tpl, openId: user.openid, data: { x: '违禁词' } }));
    expect(b).toMatchObject({ errNo: 28014001, kind: 'bad_request' });
  });

  it('28014041: daily quota exhausted (emulator quota)', async () => {
    const quota = await EmulatorHarness.start({ notifyDailyQuota: 1, notifyMinIntervalMs: 0 });
    try {
      const a = await quota.createApp();
      const u = await quota.createUser(a.appid);
      const t = await quota.template(a.appid);
      await quota.subscribe(a.appid, u.id, t);
      const c = quota.client(a);
      await c.notifyV2({ templateId: t, openId: u.openid, data });
      expect(await rejection(c.notifyV2({ templateId: t, openId: u.openid, data }))).toMatchObject({ errNo: 28014041, kind: 'quota_exhausted' });
    } finally {
      await quota.close();
    }
  });

  it.each([
    [28001005, 'system_busy'],
    [28001007, 'bad_request'],
    [28001016, 'banned'],
    [28001018, 'capability_missing'],
    [28003017, 'quota_exhausted'],
    [28003018, 'rate_limited'],
    [28014001, 'bad_request'],
    [28014041, 'quota_exhausted'],
  ])('%i → %s, never re-sent', async (errNo, kind) => {
    await client.clientTokens.getToken();
    await h.fault({ operation: 'notify_v2', errNo, times: 1 });
    const before = await h.calls();
    const err = await rejection(client.notifyV2({ templateId: tpl, openId: user.openid, data }));
    expect(err).toMatchObject({ errNo, kind });
    expect(err.logId).toBeTruthy();
    expect(delta(await h.calls(), before)).toEqual({ notify_v2: 1 });
    expect(await h.inbox(app.appid, user.openid)).toHaveLength(0);
  });

  it.each([28001008, 28001003])('%i (token expired/invalid) → refresh once, retry once', async (errNo) => {
    await client.clientTokens.getToken();
    await h.fault({ operation: 'notify_v2', errNo, times: 1 });
    const before = await h.calls();
    await client.notifyV2({ templateId: tpl, openId: user.openid, data });
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, notify_v2: 2 });
    expect(await h.inbox(app.appid, user.openid)).toHaveLength(1);
  });

  it('a token refused twice is reported as token_invalid after one retry', async () => {
    await client.clientTokens.getToken();
    await h.fault({ operation: 'notify_v2', errNo: 28001003, times: 2 });
    const before = await h.calls();
    expect(await rejection(client.notifyV2({ templateId: tpl, openId: user.openid, data }))).toMatchObject({ kind: 'token_invalid' });
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, notify_v2: 2 });
  });
});

describe('notify retry safety', () => {
  it('a dropped connection is not re-sent', async () => {
    await client.appTokens.getToken();
    await h.fault({ operation: 'notify_v1', drop: true, times: 1 });
    const before = await h.calls();
    expect(await rejection(client.notifyV1({ templateId: tpl, openId: user.openid, data }))).toMatchObject({
      kind: 'network',
      mayHaveReachedServer: true,
    });
    expect(delta(await h.calls(), before)).toEqual({ notify_v1: 1 });
  });

  it('a timeout is not re-sent, and the message the server delivered late is in the inbox once', async () => {
    const impatient = h.client(app, { timeoutMs: 200 });
    await impatient.clientTokens.getToken();
    await h.fault({ operation: 'notify_v2', latencyMs: 500, times: 1 });
    const before = await h.calls();
    expect(await rejection(impatient.notifyV2({ templateId: tpl, openId: user.openid, data }))).toMatchObject({ kind: 'timeout' });
    await new Promise((r) => setTimeout(r, 600));
    expect(delta(await h.calls(), before)).toEqual({ notify_v2: 1 });
    expect(await h.inbox(app.appid, user.openid)).toHaveLength(1);
  });

  it('a refused connection (nothing sent) is retried and delivers exactly once', async () => {
    const dead = new AxiosTransport({ baseUrls: { apps: 'http://127.0.0.1:1', open: 'http://127.0.0.1:1', sandbox: 'http://127.0.0.1:1' } });
    const live = new AxiosTransport({ baseUrls: { apps: h.url, open: h.url, sandbox: h.url } });
    let notifyAttempts = 0;
    const flaky: DouyinTransport = {
      send: (req) => (req.operation === 'notify_v1' && ++notifyAttempts === 1 ? dead.send(req) : live.send(req)),
    };
    const c = new DouyinClient({ appId: app.appid, appSecret: app.secret, transport: flaky, retry: { sleep: async () => undefined } });
    await c.notifyV1({ templateId: tpl, openId: user.openid, data });
    expect(notifyAttempts).toBe(2);
    expect(await h.inbox(app.appid, user.openid)).toHaveLength(1);
  });
});

describe('queryUserSubscribe', () => {
  it('reports subscribed and not subscribed users', async () => {
    const yes = await client.queryUserSubscribe({ templateId: tpl, openId: user.openid });
    expect(yes).toMatchObject({ subscribeStatus: 1, subscribed: true, userAllowNotification: true });
    const other = await h.createUser(app.appid);
    const no = await client.queryUserSubscribe({ templateId: tpl, openId: other.openid });
    expect(no).toMatchObject({ subscribeStatus: 0, subscribed: false });
  });

  it('a read is retried on system busy', async () => {
    await client.clientTokens.getToken();
    await h.fault({ operation: 'query_user_subscribe', errNo: 28001005, times: 1 });
    const before = await h.calls();
    await client.queryUserSubscribe({ templateId: tpl, openId: user.openid });
    expect(delta(await h.calls(), before)).toEqual({ query_user_subscribe: 2 });
  });
});
