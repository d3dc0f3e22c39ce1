import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance, APPID, appToken, clientToken, startHarness, type Harness } from './harness.js';

let h: Harness;
let openids: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  const users = await h.get(`/__emulator/users?appid=${APPID}`);
  openids = Object.fromEntries(users.map((u: any) => [u.id, u.openid]));
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const subscribe = (userId: string, tmplIds: unknown, decisions?: Record<string, string>) =>
  h.postRaw('/__emulator/device/subscribe', { appid: APPID, userId, tmplIds, decisions });
const notifyV1 = (token: string, openid: string, tplId: string, data: Record<string, string> = { 状态: '已发货' }) =>
  h.post('/api/apps/subscribe_notification/developer/v1/notify', {
    access_token: token,
    app_id: APPID,
    tpl_id: tplId,
    open_id: openid,
    data,
    page: 'pages/order/index?id=1',
  });

describe('requestSubscribeMessage (device side)', () => {
  it('returns the legacy map, templateSettings and (like a real Android device) itemSettings', async () => {
    const res = await subscribe('alice', ['T_ONCE', 'T_ONCE_2'], { T_ONCE_2: 'reject' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      legacy: { errMsg: 'requestSubscribeMessage:ok', T_ONCE: 'accept', T_ONCE_2: 'reject' },
      templateSettings: {
        T_ONCE: { status: 'accept', alwaysSubscribe: false, allowReminderWay: expect.any(Array) },
        T_ONCE_2: { status: 'reject', alwaysSubscribe: false, allowReminderWay: expect.any(Array) },
      },
      itemSettings: { T_ONCE: 'accept', T_ONCE_2: 'reject' },
    });
  });

  it('enforces ≤3 ids, known ids and no mixing of kinds, with tt error numbers', async () => {
    const cases: Array<[unknown, number, number]> = [
      [['T_ONCE', 'T_ONCE', 'T_ONCE_2', 'T_ONCE'], 20000, 1003],
      [['T_NOPE'], 21101, 1004],
      [['T_ONCE', 'T_LONG'], 20000, 1002],
      [[], 20000, 1002],
    ];
    for (const [ids, errNo, errCode] of cases) {
      const res = await subscribe('alice', ids);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ errNo, errCode, errMsg: expect.stringMatching(/^requestSubscribeMessage:fail/) });
    }
  });
});

describe('v1 notify (legacy host)', () => {
  it('delivers to the inbox and consumes the one-time credit; the next send is not subscribed', async () => {
    const token = await appToken(h);
    await subscribe('alice', ['T_ONCE']);
    expect(await notifyV1(token, openids.alice!, 'T_ONCE')).toEqual({ err_no: 0, err_tips: '' });
    const inbox = await h.get(`/__emulator/inbox?appid=${APPID}&openid=${openids.alice}`);
    expect(inbox).toEqual([
      expect.objectContaining({
        templateId: 'T_ONCE',
        data: { 状态: '已发货' },
        page: 'pages/order/index?id=1',
        apiVersion: 'v1',
        time: expect.any(String),
      }),
    ]);
    await advance(h, 2);
    expect((await notifyV1(token, openids.alice!, 'T_ONCE')).err_no).toBe(28014043);
    expect((await notifyV1(token, openids.bob!, 'T_ONCE')).err_no).toBe(28014043);
  });

  it('repeats on a long-term subscription, at most one message per second per user', async () => {
    const token = await appToken(h);
    await subscribe('alice', ['T_LONG']);
    expect((await notifyV1(token, openids.alice!, 'T_LONG')).err_no).toBe(0);
    expect((await notifyV1(token, openids.alice!, 'T_LONG')).err_no).toBe(1010);
    await advance(h, 1);
    expect((await notifyV1(token, openids.alice!, 'T_LONG')).err_no).toBe(0);
    expect(await h.get(`/__emulator/inbox?openid=${openids.alice}`)).toHaveLength(2);
  });

  it('answers 1000/1001/1008/1009 and token errors', async () => {
    const token = await appToken(h);
    await subscribe('alice', ['T_ONCE_2']);
    const bad = await h.post('/api/apps/subscribe_notification/developer/v1/notify', { access_token: token, app_id: APPID });
    expect(bad).toEqual({ err_no: 1000, err_tips: 'bad parameter format' });
    expect((await notifyV1(token, openids.alice!, 'T_ONCE_2', { 其他: 'x' })).err_no).toBe(1001);
    expect((await notifyV1(token, openids.alice!, 'T_ONCE_2', { 订单号: '违禁词' })).err_no).toBe(1008);
    expect((await notifyV1('0801121nope', openids.alice!, 'T_ONCE_2')).err_no).toBe(28001003);
    await subscribe('bob', ['T_ONCE'], { T_ONCE: 'ban' });
    expect((await notifyV1(token, openids.bob!, 'T_ONCE')).err_no).toBe(1009);
    // a banned template stays banned
    expect(await (await subscribe('bob', ['T_ONCE'])).json()).toMatchObject({ legacy: { T_ONCE: 'ban' } });
  });
});

describe('v2 notify and status query (open platform)', () => {
  it('delivers with a client token, reports status and not-subscribed errors with log_id', async () => {
    const token = await clientToken(h);
    const headers = { 'access-token': token };
    const query = () => h.post('/api/notification/v2/subscription/query_user_subscribe/', { msg_id: 'T_ONCE', open_id: openids.alice }, headers);
    // subscribe_status is an integer (§6): 0 not subscribed, 1 subscribed.
    expect((await query()).data).toEqual({ subscribe_status: 0, user_allow_notification: true });
    await subscribe('alice', ['T_ONCE']);
    expect(await query()).toMatchObject({ err_no: 0, log_id: expect.any(String), data: { subscribe_status: 1 } });

    const send = () =>
      h.post(
        '/api/notification/v2/subscription/notify_user/',
        { msg_id: 'T_ONCE', open_id: openids.alice, data: { k: 'v' }, notify_type: [1, 2] },
        headers,
      );
    expect(await send()).toEqual({ err_no: 0, err_msg: '', log_id: expect.any(String) });
    expect((await h.get(`/__emulator/inbox?openid=${openids.alice}`))[0]).toMatchObject({ apiVersion: 'v2', notifyType: [1, 2] });
    await advance(h, 2);
    expect(await send()).toMatchObject({ err_no: 28014043, err_msg: expect.any(String), log_id: expect.any(String) });
    expect((await h.post('/api/notification/v2/subscription/notify_user/', { msg_id: 'T_ONCE' }, headers)).err_no).toBe(28014001);
    expect((await h.post('/api/notification/v2/subscription/notify_user/', {}, {})).err_no).toBe(28001003);
  });

  it('reports a daily quota with the configurable number', async () => {
    const q = await startHarnessWithQuota();
    try {
      const token = await clientToken(q.h);
      await q.h.post('/__emulator/device/subscribe', { appid: APPID, userId: 'alice', tmplIds: ['T_LONG'] });
      const send = () =>
        q.h.post('/api/notification/v2/subscription/notify_user/', { msg_id: 'T_LONG', open_id: q.openid, data: {} }, { 'access-token': token });
      expect((await send()).err_no).toBe(0);
      await advance(q.h, 2);
      expect((await send()).err_no).toBe(28014041);
    } finally {
      await q.h.close();
    }
  });
});

async function startHarnessWithQuota() {
  const qh = await startHarness({ notifyDailyQuota: 1 });
  const users = await qh.get(`/__emulator/users?appid=${APPID}`);
  return { h: qh, openid: users.find((u: any) => u.id === 'alice').openid as string };
}
