import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DouyinApiError, DouyinClient, DouyinTransportError, decryptUserData, verifySignature } from '../src/index.js';
import { delta, type EmuApp, EmulatorHarness, rejection } from './emulator-harness.js';

let h: EmulatorHarness;
let app: EmuApp;
let client: DouyinClient;

beforeAll(async () => {
  h = await EmulatorHarness.start();
  app = await h.createApp();
  client = h.client(app);
});
afterAll(() => h.close());

describe('code2Session against the emulator', () => {
  it('exchanges a login code; the session_key verifies and decrypts the profile and old-flow phone', async () => {
    const user = await h.createUser(app.appid, { nickname: '小明' });
    const { code } = await h.login(app.appid, user.id);
    const session = await client.code2Session({ code: code! });
    expect(session).toMatchObject({ openId: user.openid, unionId: user.unionid, anonymousOpenId: undefined, logId: expect.stringMatching(/.+/) });
    expect(session.sessionKey).not.toBe('');
    const sessionKey = session.sessionKey!;

    const profile = await h.admin.userProfile({ appid: app.appid, userId: user.id });
    expect(verifySignature(profile.rawData, profile.signature, sessionKey)).toBe(true);
    const decrypted = decryptUserData<{ nickName: string }>({ ...profile, sessionKey, appId: app.appid });
    expect(decrypted.nickName).toBe('小明');

    const phone = await h.admin.phoneNumber({ appid: app.appid, userId: user.id, flow: 'encrypted' });
    const plain = decryptUserData<{ purePhoneNumber: string }>({ ...phone, sessionKey, appId: app.appid });
    expect(plain.purePhoneNumber).toBe('13912345678');
  });

  it('exchanges an anonymous code', async () => {
    const user = await h.createUser(app.appid, { loggedIn: false });
    const { anonymousCode, code } = await h.login(app.appid, user.id);
    expect(code).toBeUndefined();
    const session = await client.code2Session({ anonymousCode });
    expect(session.anonymousOpenId).not.toBe('');
    expect(session.sessionKey).toBeUndefined();
  });

  it('leaves out the ids Douyin sends empty: no unionid for an app not bound to an open-platform account', async () => {
    const user = await h.createUser(app.appid, { unionid: '' });
    const { code } = await h.login(app.appid, user.id);
    const session = await client.code2Session({ code: code! });
    expect(session.openId).toBe(user.openid);
    expect(session.unionId).toBeUndefined();
    expect(session.anonymousOpenId).toBeUndefined();
  });

  it('leaves out the ids of the other kind of login: an anonymous login has no openid, unionid or session_key', async () => {
    const user = await h.createUser(app.appid, { loggedIn: false });
    const { anonymousCode } = await h.login(app.appid, user.id);
    const session = await client.code2Session({ anonymousCode });
    expect(session).toEqual({
      sessionKey: undefined,
      openId: undefined,
      unionId: undefined,
      anonymousOpenId: expect.any(String),
      logId: expect.any(String),
    });
  });

  it('both codes in one call: the openid and session_key, but no anonymous_openid (Douyin answers "")', async () => {
    const user = await h.createUser(app.appid);
    const deviceId = `device-${user.id}-2`;
    const anonymousOnly = await client.code2Session({
      anonymousCode: (await h.admin.login({ appid: app.appid, userId: user.id, deviceId })).anonymousCode,
    });
    const { code, anonymousCode } = await h.admin.login({ appid: app.appid, userId: user.id, deviceId });
    const combined = await client.code2Session({ code: code!, anonymousCode });
    expect(combined).toMatchObject({ openId: user.openid, sessionKey: expect.any(String), anonymousOpenId: undefined });
    expect(anonymousOnly.anonymousOpenId).toEqual(expect.any(String));
  });

  it('refuses locally when neither code is given (no call made)', async () => {
    const before = await h.calls();
    await expect(client.code2Session({})).rejects.toBeInstanceOf(TypeError);
    expect(delta(await h.calls(), before)).toEqual({});
  });

  it('40018: a code used twice', async () => {
    const user = await h.createUser(app.appid);
    const { code } = await h.login(app.appid, user.id);
    await client.code2Session({ code: code! });
    const err = await rejection(client.code2Session({ code: code! }));
    expect(err).toMatchObject({ errNo: 40018, kind: 'bad_code', endpoint: '/api/apps/v2/jscode2session' });
    // The error keeps the answer's top-level log_id, as the successes do.
    expect(err.logId).toMatch(/.+/);
  });

  it('40018: an expired code', async () => {
    const user = await h.createUser(app.appid);
    const { code } = await h.login(app.appid, user.id);
    await h.advance(301);
    expect(await rejection(client.code2Session({ code: code! }))).toMatchObject({ errNo: 40018, kind: 'bad_code' });
  });

  it('40019: a bad anonymous code', async () => {
    expect(await rejection(client.code2Session({ anonymousCode: 'not-a-real-code' }))).toMatchObject({ errNo: 40019, kind: 'bad_code' });
  });

  it('refines bad_code by the code refused: a used login code and a bad anonymous code', async () => {
    const user = await h.createUser(app.appid);
    const { code } = await h.login(app.appid, user.id);
    await client.code2Session({ code: code! });
    expect(await rejection(client.code2Session({ code: code! }))).toMatchObject({ kind: 'bad_code', reason: 'login_code_invalid' });
    expect(await rejection(client.code2Session({ anonymousCode: 'not-a-real-code' }))).toMatchObject({
      kind: 'bad_code',
      reason: 'anonymous_code_invalid',
    });
  });

  it('gives no reason where code2session names no code (bad secret)', async () => {
    const wrongSecret = h.client({ ...app, secret: 'wrong-secret' });
    expect(await rejection(wrongSecret.code2Session({ code: 'x' }))).toMatchObject({ kind: 'bad_credentials', reason: undefined });
  });

  it('40015 bad appid and 40017 bad secret', async () => {
    const wrongApp = h.client({ ...app, appid: 'tt_does_not_exist' });
    expect(await rejection(wrongApp.code2Session({ code: 'x' }))).toMatchObject({ errNo: 40015, kind: 'bad_credentials' });
    const wrongSecret = h.client({ ...app, secret: 'wrong-secret' });
    expect(await rejection(wrongSecret.code2Session({ code: 'x' }))).toMatchObject({ errNo: 40017, kind: 'bad_credentials' });
  });

  it.each([
    [40014, 'bad_request'],
    [-1, 'system_busy'],
  ])('%i from a fault rule → %s, not retried', async (errNo, kind) => {
    await h.fault({ operation: 'jscode2session', errNo, times: 1 });
    const before = await h.calls();
    const err = await rejection(client.code2Session({ code: 'whatever' }));
    expect(err).toBeInstanceOf(DouyinApiError);
    expect(err).toMatchObject({ errNo, kind });
    expect(delta(await h.calls(), before)).toEqual({ jscode2session: 1 });
  });
});

describe('code2Session retry safety', () => {
  it('is not retried after a dropped connection', async () => {
    const user = await h.createUser(app.appid);
    const { code } = await h.login(app.appid, user.id);
    await h.fault({ operation: 'jscode2session', drop: true, times: 1 });
    const before = await h.calls();
    const err = await rejection(client.code2Session({ code: code! }));
    expect(err).toBeInstanceOf(DouyinTransportError);
    expect(err).toMatchObject({ kind: 'network', mayHaveReachedServer: true });
    expect(delta(await h.calls(), before)).toEqual({ jscode2session: 1 });
    // The emulator drops before handling, so here the code survived and the caller may retry it.
    await expect(client.code2Session({ code: code! })).resolves.toMatchObject({ openId: user.openid });
  });

  it('is not retried after a timeout: the server may consume the code, and a retry would get 40018', async () => {
    const user = await h.createUser(app.appid);
    const { code } = await h.login(app.appid, user.id);
    await h.fault({ operation: 'jscode2session', latencyMs: 600, times: 1 });
    const impatient = h.client(app, { timeoutMs: 200 });
    const before = await h.calls();
    const err = await rejection(impatient.code2Session({ code: code! }));
    expect(err).toMatchObject({ kind: 'timeout', mayHaveReachedServer: true });
    expect(delta(await h.calls(), before)).toEqual({ jscode2session: 1 });
    await new Promise((r) => setTimeout(r, 700)); // the server finishes and consumes the code
    expect(await rejection(client.code2Session({ code: code! }))).toMatchObject({ errNo: 40018 });
  });
});
