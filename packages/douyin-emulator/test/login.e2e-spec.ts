import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance, aesDecrypt, APPID, SECRET, sha1Hex, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const login = (userId: string, deviceId?: string) => h.post('/__emulator/device/login', { appid: APPID, userId, deviceId });
const exchange = (body: Record<string, unknown>) => h.post('/api/apps/v2/jscode2session', { appid: APPID, secret: SECRET, ...body });
const EMPTY = { session_key: '', openid: '', anonymous_openid: '', unionid: '' };

describe('tt.login + jscode2session', () => {
  it('exchanges a code for session_key/openid/unionid, and an anonymous code for anonymous_openid', async () => {
    const { code, anonymousCode, isLogin, errMsg } = await login('alice');
    expect({ isLogin, errMsg }).toEqual({ isLogin: true, errMsg: 'login:ok' });
    const users = await h.get(`/__emulator/users?appid=${APPID}`);
    const alice = users.find((u: any) => u.id === 'alice');

    const res = await exchange({ code });
    expect(res).toMatchObject({ err_no: 0, err_tips: 'success', log_id: expect.stringMatching(/^\d{14}[0-9A-F]{20}$/) });
    expect(res.data).toEqual({ session_key: expect.any(String), openid: alice.openid, anonymous_openid: '', unionid: alice.unionid });
    expect(res.data.session_key).toHaveLength(24);
    expect(Buffer.from(res.data.session_key, 'base64')).toHaveLength(16);

    const anon = await exchange({ anonymous_code: anonymousCode });
    expect(anon.data).toEqual({ ...EMPTY, anonymous_openid: expect.stringMatching(/.+/) });
    // anonymous_openid is stable per device
    const again = await exchange({ anonymous_code: (await login('alice')).anonymousCode });
    expect(again.data.anonymous_openid).toBe(anon.data.anonymous_openid);
  });

  it('gives no code to a user not logged in to the host app', async () => {
    const res = await login('guest');
    expect(res.code).toBeUndefined();
    expect(res).toMatchObject({ isLogin: false, anonymousCode: expect.any(String) });
  });

  it('rejects a used code with 40018, keeping the data shape', async () => {
    const { code } = await login('alice');
    expect((await exchange({ code })).err_no).toBe(0);
    expect(await exchange({ code })).toEqual({ err_no: 40018, err_tips: 'bad code', data: EMPTY, log_id: expect.any(String) });
  });

  it('answers anonymous_openid "" when a logged-in user\'s code comes with the anonymous code (the seed\'s real answer)', async () => {
    const first = await login('alice', 'phone-1');
    const anonymousOnly = await exchange({ anonymous_code: first.anonymousCode });
    expect(anonymousOnly.data.anonymous_openid).not.toBe('');

    const { code, anonymousCode } = await login('alice', 'phone-1');
    const combined = await exchange({ code, anonymous_code: anonymousCode });
    expect(combined).toMatchObject({
      err_no: 0,
      data: { openid: expect.stringMatching(/.+/), session_key: expect.any(String), anonymous_openid: '' },
    });
    // Both codes were used up by the combined call, and a bad anonymous code still fails it.
    expect((await exchange({ anonymous_code: anonymousCode })).err_no).toBe(40019);
    const next = await login('alice', 'phone-1');
    expect((await exchange({ code: next.code, anonymous_code: 'nope' })).err_no).toBe(40019);
    // The device keeps its anonymous_openid for the next anonymous-only call.
    const later = await exchange({ anonymous_code: (await login('alice', 'phone-1')).anonymousCode });
    expect(later.data.anonymous_openid).toBe(anonymousOnly.data.anonymous_openid);
  });

  it('rejects an expired code with 40018 once the clock passes 5 minutes', async () => {
    const first = await login('alice');
    const second = await login('bob');
    await advance(h, 299);
    expect((await exchange({ code: first.code })).err_no).toBe(0);
    await advance(h, 2);
    expect((await exchange({ code: second.code })).err_no).toBe(40018);
    expect((await exchange({ anonymous_code: second.anonymousCode })).err_no).toBe(40019);
  });

  it('answers 40014/40015/40017/40019 in the v2 envelope', async () => {
    expect((await exchange({})).err_no).toBe(40014);
    expect((await h.post('/api/apps/v2/jscode2session', { appid: 'tt_x', secret: SECRET, code: 'c' })).err_no).toBe(40015);
    expect((await h.post('/api/apps/v2/jscode2session', { appid: APPID, secret: 'bad', code: 'c' })).err_no).toBe(40017);
    expect(await exchange({ anonymous_code: 'nope' })).toEqual({
      err_no: 40019,
      err_tips: 'bad anonymous_code',
      data: EMPTY,
      log_id: expect.any(String),
    });
  });

  it('v1 GET form answers flat fields and errcode on error', async () => {
    const { code } = await login('alice');
    const ok = await h.get(`/api/apps/jscode2session?appid=${APPID}&secret=${SECRET}&code=${code}`);
    expect(Object.keys(ok).sort()).toEqual(['anonymous_openid', 'openid', 'session_key', 'unionid']);
    const bad = await h.get(`/api/apps/jscode2session?appid=${APPID}&secret=${SECRET}&code=${code}`);
    expect(bad).toMatchObject({ errcode: 40018, errmsg: 'bad code' });
  });
});

describe('getUserProfile and session key rotation', () => {
  it('signs and encrypts with the current key; a second login makes the old payload useless', async () => {
    const first = await exchange({ code: (await login('alice')).code });
    const key1 = first.data.session_key;
    const profile = await h.post('/__emulator/device/user-profile', { appid: APPID, userId: 'alice' });
    expect(profile.errMsg).toBe('getUserProfile:ok');
    expect(profile.userInfo).toMatchObject({ nickName: 'Alice', gender: 2, city: '杭州' });
    expect(JSON.parse(profile.rawData)).toEqual(profile.userInfo);
    expect(profile.signature).toBe(sha1Hex(profile.rawData + key1));
    const plain = aesDecrypt(key1, profile.encryptedData, profile.iv);
    expect(plain).toMatchObject({ ...profile.userInfo, watermark: { appid: APPID, timestamp: expect.any(Number) } });
    expect(plain.openId).toBeUndefined();

    const second = await exchange({ code: (await login('alice')).code });
    const key2 = second.data.session_key;
    expect(key2).not.toBe(key1);
    expect(profile.signature).not.toBe(sha1Hex(profile.rawData + key2));
    expect(() => {
      const stale = aesDecrypt(key2, profile.encryptedData, profile.iv);
      // A wrong key can by chance yield valid padding; it never yields the profile.
      if (stale.watermark?.appid === APPID) throw new Error('decrypted with the wrong key');
      throw new Error('garbage');
    }).toThrow();

    const fresh = await h.post('/__emulator/device/user-profile', { appid: APPID, userId: 'alice' });
    expect(fresh.signature).toBe(sha1Hex(fresh.rawData + key2));
    expect(aesDecrypt(key2, fresh.encryptedData, fresh.iv).nickName).toBe('Alice');
  });

  it('fails like tt before any login, and reports the session through check-session', async () => {
    const before = await h.postRaw('/__emulator/device/user-profile', { appid: APPID, userId: 'bob' });
    expect(before.status).toBe(422);
    expect(await before.json()).toMatchObject({ errMsg: 'getUserProfile:fail invalid session' });
    expect(await h.post('/__emulator/device/check-session', { appid: APPID, userId: 'bob' })).toEqual({ valid: false });
    await login('bob');
    expect(await h.post('/__emulator/device/check-session', { appid: APPID, userId: 'bob' })).toEqual({ valid: true });
  });
});
