import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance, APPID, appToken, clientToken, SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clientTokenRateLimit: { max: 5, windowSeconds: 300 } });
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const queryWith = (token: string) =>
  h.post('/api/notification/v2/subscription/query_user_subscribe/', { msg_id: 'T_ONCE', open_id: 'x' }, { 'access-token': token });

const notifyWith = (token: string) =>
  h.post('/api/apps/subscribe_notification/developer/v1/notify', {
    access_token: token,
    app_id: APPID,
    tpl_id: 'T_ONCE',
    open_id: 'nobody',
    data: { a: 'b' },
  });

describe('app access token (legacy host)', () => {
  it('v2 POST answers the v2 envelope on success and on each error', async () => {
    const ok = await h.post('/api/apps/v2/token', { appid: APPID, secret: SECRET, grant_type: 'client_credential' });
    expect(ok).toMatchObject({ err_no: 0, err_tips: 'success', data: { expires_in: 7200 } });
    expect(ok.data.access_token).toMatch(/^0801121/);

    const cases: Array<[Record<string, unknown>, number]> = [
      [{ appid: APPID, grant_type: 'client_credential' }, 40014],
      [{ appid: 'tt_nope', secret: SECRET, grant_type: 'client_credential' }, 40015],
      [{ appid: APPID, secret: 'wrong', grant_type: 'client_credential' }, 40017],
      [{ appid: APPID, secret: SECRET, grant_type: 'password' }, 40020],
    ];
    for (const [body, errNo] of cases) {
      const res = await h.postRaw('/api/apps/v2/token', body);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        err_no: errNo,
        err_tips: expect.any(String),
        data: { access_token: '', expires_in: 0 },
      });
    }
  });

  it('v1 GET answers flat fields, and errcode/errmsg on error', async () => {
    const ok = await h.get(`/api/apps/token?appid=${APPID}&secret=${SECRET}&grant_type=client_credential`);
    expect(Object.keys(ok).sort()).toEqual(['access_token', 'expires_in']);
    const bad = await h.get(`/api/apps/token?appid=${APPID}&secret=nope&grant_type=client_credential`);
    expect(bad).toEqual({ errcode: 40017, errmsg: 'bad secret', error: 1, message: 'bad secret' });
  });

  it('a re-fetch leaves the previous token valid for 5 minutes and no longer', async () => {
    const first = await appToken(h);
    expect((await notifyWith(first)).err_no).toBe(1001); // token accepted, then the unknown user
    const second = await appToken(h);
    await advance(h, 299);
    expect((await notifyWith(first)).err_no).toBe(1001);
    await advance(h, 2);
    expect((await notifyWith(first)).err_no).toBe(28001008);
    expect((await notifyWith(second)).err_no).toBe(1001);
    await advance(h, 7200);
    expect((await notifyWith(second)).err_no).toBe(28001008);
    expect((await notifyWith('0801121garbage')).err_no).toBe(28001003);
  });
});

describe('client_token (open platform oauth)', () => {
  it('answers the oauth envelope on success and errors', async () => {
    const ok = await h.post('/oauth/client_token/', { client_key: APPID, client_secret: SECRET, grant_type: 'client_credential' });
    expect(ok).toMatchObject({
      data: { description: '', error_code: 0, expires_in: 7200 },
      message: 'success',
      extra: { logid: expect.any(String) },
    });
    expect(ok.data.access_token).toMatch(/^clt\./);
    const codes: Array<[Record<string, unknown>, number]> = [
      [{ client_key: APPID, grant_type: 'client_credential' }, 10002],
      [{ client_key: 'tt_nope', client_secret: SECRET, grant_type: 'client_credential' }, 10003],
      [{ client_key: APPID, client_secret: 'wrong', grant_type: 'client_credential' }, 10013],
    ];
    for (const [body, code] of codes) {
      const res = await h.post('/oauth/client_token/', body);
      expect(res).toMatchObject({ data: { error_code: code, description: expect.any(String) }, message: 'error' });
    }
  });

  it('accepts a form-encoded body like the real endpoint', async () => {
    const res = await fetch(`${h.emulator.url}/oauth/client_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_key=${APPID}&client_secret=${SECRET}&grant_type=client_credential`,
    });
    expect((await res.json()).data.error_code).toBe(0);
  });

  it('limits calls per client_key in the window (10020)', async () => {
    for (let i = 0; i < 5; i++) await clientToken(h);
    const limited = await h.post('/oauth/client_token/', { client_key: APPID, client_secret: SECRET, grant_type: 'client_credential' });
    expect(limited.data.error_code).toBe(10020);
    await advance(h, 301);
    expect(await clientToken(h)).toMatch(/^clt\./);
  });

  it('client tokens overlap for 5 minutes after a re-fetch', async () => {
    const query = (token: string) =>
      h.post('/api/notification/v2/subscription/query_user_subscribe/', { msg_id: 'T_ONCE', open_id: 'x' }, { 'access-token': token });
    const first = await clientToken(h);
    await clientToken(h);
    await advance(h, 299);
    expect((await query(first)).err_no).toBe(28014001); // authenticated, unknown openid
    await advance(h, 2);
    expect(await query(first)).toMatchObject({ err_no: 28001008, log_id: expect.any(String) });
    expect((await query('clt.unknown')).err_no).toBe(28001003);
  });

  it('keeps only the two newest: fetching A, B, C ends A at once while B keeps its 5 minutes', async () => {
    const a = await clientToken(h);
    const b = await clientToken(h);
    expect((await queryWith(a)).err_no).toBe(28014001); // A still inside its overlap
    const c = await clientToken(h);
    expect((await queryWith(a)).err_no).toBe(28001008);
    expect((await queryWith(b)).err_no).toBe(28014001);
    expect((await queryWith(c)).err_no).toBe(28014001);
    await advance(h, 301);
    expect((await queryWith(b)).err_no).toBe(28001008);
    expect((await queryWith(c)).err_no).toBe(28014001);
  });
});

describe('stable_client_token (open platform oauth)', () => {
  const stable = (body: Record<string, unknown> = { client_key: APPID, client_secret: SECRET, grant_type: 'client_credential' }) =>
    h.post('/oauth/stable_client_token/', body);

  it('returns the same token while it is valid, with the time it has left, and cuts nothing', async () => {
    const first = await stable();
    expect(first).toMatchObject({ data: { error_code: 0, description: '', expires_in: 7200 }, message: 'success' });
    await advance(h, 600);
    const second = await stable();
    expect(second.data.access_token).toBe(first.data.access_token);
    expect(second.data.expires_in).toBeGreaterThanOrEqual(6599); // the wall clock moves too
    expect(second.data.expires_in).toBeLessThanOrEqual(6600);
    await advance(h, 3600);
    expect((await queryWith(first.data.access_token)).err_no).toBe(28014001); // never cut to 5 minutes
    expect((await stable()).data.access_token).toBe(first.data.access_token);
  });

  it('hands out a new token once the current one has 5 minutes or less left; the old one lives out its time', async () => {
    const first = (await stable()).data.access_token;
    await advance(h, 7200 - 300);
    const renewed = (await stable()).data.access_token;
    expect(renewed).not.toBe(first);
    expect((await queryWith(first)).err_no).toBe(28014001);
    await advance(h, 301);
    expect((await queryWith(first)).err_no).toBe(28001008);
    expect((await stable()).data.access_token).toBe(renewed);
  });

  it('returns the token a plain client_token call issued, and answers the same errors', async () => {
    const plain = await clientToken(h);
    expect((await stable()).data.access_token).toBe(plain);
    expect((await stable({ client_key: APPID, client_secret: 'wrong', grant_type: 'client_credential' })).data.error_code).toBe(10013);
    expect((await stable({ client_key: APPID, grant_type: 'client_credential' })).data.error_code).toBe(10002);
  });
});
