import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTt } from '../src/tt/index.js';
import { aesDecrypt, APPID, SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const ttFor = (userId: string, extra: Partial<Parameters<typeof createTt>[0]> = {}) =>
  createTt({ emulatorUrl: h.emulator.url, appid: APPID, userId, ...extra });

describe('createTt', () => {
  it('login → server exchange → getUserProfile decrypts with the exchanged key', async () => {
    const tt = ttFor('alice');
    const login = await tt.login();
    expect(login).toMatchObject({ errMsg: 'login:ok', isLogin: true, code: expect.any(String) });
    // the mini-program's server side, via tt.request
    const exchange = await tt.request({
      url: `${h.emulator.url}/api/apps/v2/jscode2session`,
      method: 'POST',
      data: { appid: APPID, secret: SECRET, code: login.code },
    });
    expect(exchange.statusCode).toBe(200);
    const sessionKey = (exchange.data as any).data.session_key;
    const profile = await tt.getUserProfile({ desc: 'profile' });
    expect(aesDecrypt(sessionKey, profile.encryptedData, profile.iv).nickName).toBe('Alice');
    await expect(tt.checkSession()).resolves.toEqual({ errMsg: 'checkSession:ok' });
  });

  it('supports success/fail/complete callbacks', async () => {
    const tt = ttFor('bob');
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      // With a fail callback the promise resolves either way: the callbacks carry the outcome.
      void tt.getUserProfile({
        success: () => seen.push('success'),
        fail: (err) => seen.push(`fail:${err.errMsg}`),
        complete: () => resolve(),
      });
    });
    expect(seen).toEqual(['fail:getUserProfile:fail invalid session']);
    await expect(tt.checkSession()).rejects.toMatchObject({ errMsg: 'checkSession:fail session expired' });
  });

  it('requestSubscribeMessage honours the configured decisions', async () => {
    const tt = ttFor('alice', { subscribeDecisions: { T_ONCE_2: 'reject' } });
    const res = await tt.requestSubscribeMessage({ tmplIds: ['T_ONCE', 'T_ONCE_2'] });
    expect(res).toMatchObject({
      errMsg: 'requestSubscribeMessage:ok',
      T_ONCE: 'accept',
      T_ONCE_2: 'reject',
      // The seed's real Android answer: itemSettings beside the legacy keys.
      itemSettings: { T_ONCE: 'accept', T_ONCE_2: 'reject' },
      templateSettings: { T_ONCE: { status: 'accept' } },
    });
    await expect(tt.requestSubscribeMessage({ tmplIds: ['NOPE'] })).rejects.toMatchObject({ errNo: 21101 });
  });

  it('request: GET data goes to the query string; non-2xx is still a success', async () => {
    const tt = ttFor('alice');
    const ok = await tt.request({
      url: `${h.emulator.url}/api/apps/token`,
      data: { appid: APPID, secret: SECRET, grant_type: 'client_credential' },
    });
    expect(ok).toMatchObject({ statusCode: 200, errMsg: 'request:ok', data: { expires_in: 7200 } });
    const missing = await tt.request({ url: `${h.emulator.url}/nope` });
    expect(missing.statusCode).toBe(404);
    await expect(tt.request({ url: 'http://127.0.0.1:1/unreachable' })).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^request:fail/),
    });
  });

  it('storage, toasts, system info, address, location and the phone button', async () => {
    const tt = ttFor('alice', { address: null, systemInfo: { platform: 'ios' } });
    tt.setStorageSync('k', { a: 1 });
    expect(tt.getStorageSync('k')).toEqual({ a: 1 });
    expect(tt.getStorageSync('missing')).toBe('');
    await tt.setStorage({ key: 'j', data: [1] });
    expect((await tt.getStorage({ key: 'j' })).data).toEqual([1]);
    tt.removeStorageSync('k');
    expect(tt.getStorageSync('k')).toBe('');
    await tt.showToast({ title: '已保存', icon: 'success' });
    expect(tt.emulator.toasts.map((t) => t.title)).toEqual(['已保存']);
    expect(tt.getSystemInfoSync()).toMatchObject({ platform: 'ios', appName: 'Douyin' });
    await expect(tt.chooseAddress()).rejects.toMatchObject({ errNo: 103995 });
    expect(await tt.getLocation({ type: 'gcj02' })).toMatchObject({ errMsg: 'getLocation:ok', latitude: expect.any(Number) });
    await tt.login();
    expect(await tt.emulator.phoneNumberEvent('code')).toMatchObject({ errMsg: 'getPhoneNumber:ok', code: expect.any(String) });
    expect(await ttFor('bob').emulator.phoneNumberEvent('encrypted')).toMatchObject({ errMsg: 'getPhoneNumber:fail no phone number' });
  });
});
