import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, APPID, appToken, clientToken, SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('admin API', () => {
  it('creates apps (generated or registered key), users and templates', async () => {
    const generated = await h.post('/__emulator/apps', {});
    expect(generated).toMatchObject({ appid: expect.stringMatching(/^tt/), secret: expect.any(String) });
    expect(generated.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(generated.privateKeyPem).toContain('BEGIN PRIVATE KEY');

    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const registered = await h.post('/__emulator/apps', { appid: 'tt_own_key', secret: 's', publicKeyPem: pem });
    expect(registered).toEqual({
      appid: 'tt_own_key',
      secret: 's',
      publicKeyPem: pem,
      privateKeyPem: null,
      webhookUrl: null,
      // No privacy input: every item declared, users start agreed (nothing asks).
      privacy: {
        declared: ['userInfo', 'phoneNumber', 'address', 'location'],
        contractName: '《小程序用户隐私保护指引》',
        configured: true,
        usersStartAgreed: true,
      },
    });

    const user = await h.post('/__emulator/users', {
      appid: 'tt_own_key',
      nickname: 'N',
      phone: { countryCode: '86', purePhoneNumber: '13900000000' },
    });
    expect(user).toMatchObject({
      id: expect.any(String),
      appid: 'tt_own_key',
      openid: expect.any(String),
      unionid: expect.any(String),
      loggedIn: true,
      nickname: 'N',
    });
    expect(user.sessionKey).toBeUndefined();
    expect(await h.get('/__emulator/users?appid=tt_own_key')).toHaveLength(1);

    const tpl = await h.post('/__emulator/templates', { appid: 'tt_own_key', templateId: 'X', title: 't', kind: 'long_term' });
    expect(tpl).toEqual({ appid: 'tt_own_key', templateId: 'X', title: 't', kind: 'long_term', keywords: [] });
  });

  it('answers input errors with 400 {error}', async () => {
    for (const [path, body] of [
      ['/__emulator/users', { appid: 'tt_missing' }],
      ['/__emulator/apps', { appid: APPID }],
      ['/__emulator/templates', { appid: APPID, templateId: 'x', title: 't', kind: 'weekly' }],
      ['/__emulator/device/login', { appid: APPID, userId: 'nobody' }],
      ['/__emulator/clock/advance', { seconds: -5 }],
    ] as const) {
      const res = await h.postRaw(path, body);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    const broken = await fetch(`${h.emulator.url}/__emulator/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
  });

  it('moves the clock', async () => {
    const before = await h.get('/__emulator/clock');
    const after = await advance(h, 3600);
    expect(after.now - before.now).toBeGreaterThanOrEqual(3600_000);
    expect(after.offsetMs).toBeGreaterThanOrEqual(3600_000 - 50);
  });

  it('counts calls per operation', async () => {
    await h.post('/__emulator/reset');
    await appToken(h);
    await h.get(`/api/apps/token?appid=${APPID}&secret=${SECRET}&grant_type=client_credential`);
    await h.post('/api/apps/v2/jscode2session', {});
    expect(await h.get('/__emulator/calls')).toEqual({
      token: 2,
      client_token: 0,
      jscode2session: 1,
      notify_v1: 0,
      notify_v2: 0,
      query_user_subscribe: 0,
      get_phonenumber_info: 0,
      stable_client_token: 0,
      privacy_setting_query: 0,
    });
  });

  it('reset restores the seed: same apps, keys and openids; state, clock and faults cleared', async () => {
    const appsBefore = await h.get('/__emulator/apps');
    const usersBefore = await h.get(`/__emulator/users?appid=${APPID}`);
    await h.post('/__emulator/apps', {});
    const token = await appToken(h);
    await h.post('/__emulator/faults', { operation: 'token', errNo: -1 });
    const { code } = await h.post('/__emulator/device/login', { appid: APPID, userId: 'alice' });
    await advance(h, 10);

    expect(await h.post('/__emulator/reset')).toEqual({ ok: true });
    expect(await h.get('/__emulator/apps')).toEqual(appsBefore.filter((a: any) => a.appid === APPID));
    expect(await h.get(`/__emulator/users?appid=${APPID}`)).toEqual(usersBefore);
    expect(await h.get('/__emulator/faults')).toEqual([]);
    expect(Math.abs((await h.get('/__emulator/clock')).offsetMs)).toBeLessThan(50);
    const stale = await h.post('/api/apps/subscribe_notification/developer/v1/notify', {
      access_token: token,
      app_id: APPID,
      tpl_id: 'T_ONCE',
      open_id: 'x',
      data: {},
    });
    expect(stale.err_no).toBe(28001003);
    const exchanged = await h.post('/api/apps/v2/jscode2session', { appid: APPID, secret: SECRET, code });
    expect(exchanged.err_no).toBe(40018);
    expect((await h.get('/__emulator/calls')).jscode2session).toBe(1);
  });

  it('lists every credential it issued, across resets, for leak checks', async () => {
    const login = await h.post('/__emulator/device/login', { appid: APPID, userId: 'alice' });
    const session = await h.post('/api/apps/v2/jscode2session', { appid: APPID, secret: SECRET, code: login.code });
    const phone = await h.post('/__emulator/device/phone-number', { appid: APPID, userId: 'alice', flow: 'code' });
    const app = await appToken(h);
    await h.post('/__emulator/reset');
    const client = await clientToken(h);

    const issued = await h.get('/__emulator/issued-secrets');
    expect(issued.loginCodes).toContain(login.code);
    expect(issued.anonymousCodes).toContain(login.anonymousCode);
    expect(issued.sessionKeys).toContain(session.data.session_key);
    expect(issued.phoneCodes).toContain(phone.code);
    expect(issued.appTokens).toContain(app);
    expect(issued.clientTokens).toContain(client);
  });

  it('answers unknown paths with 404 {error}', async () => {
    const res = await fetch(`${h.emulator.url}/api/apps/v3/nothing`);
    expect(res.status).toBe(404);
  });
});

describe('cross-origin calls (the H5 preview runs tt in a browser)', () => {
  const preflight = (path: string) =>
    fetch(h.emulator.url + path, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('lets a page call the device routes', async () => {
    const response = await preflight('/__emulator/device/login');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
    const login = await fetch(h.emulator.url + '/__emulator/device/login', {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:10086', 'content-type': 'application/json' },
      body: JSON.stringify({ appid: APPID, userId: 'alice' }),
    });
    expect(login.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
  });

  it('gives pages no access to the platform or console routes', async () => {
    for (const path of ['/__emulator/apps', '/__emulator/issued-secrets', '/api/apps/v2/token']) {
      expect((await preflight(path)).headers.get('access-control-allow-origin')).toBeNull();
    }
    const secrets = await fetch(h.emulator.url + '/__emulator/issued-secrets', { headers: { origin: 'http://127.0.0.1:10086' } });
    expect(secrets.headers.get('access-control-allow-origin')).toBeNull();
  });
});
