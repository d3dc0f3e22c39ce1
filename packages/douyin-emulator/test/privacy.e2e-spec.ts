import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorAdmin } from '../src/admin/index.js';
import { createTt, type NeedPrivacyAuthorizationListener, type PrivacyResolveOption } from '../src/tt/index.js';
import { APPID, clientToken, startHarness, TEST_SEED, type Harness } from './harness.js';

// A second app that opts in: its users start without agreement and must walk the popup.
const STRICT = 'tt_privacy_app';
const SEED_EXTRA = {
  apps: [{ appid: STRICT, secret: 'strict-secret', privacy: { usersStartAgreed: false, contractName: '《测试隐私保护指引》' } }],
  users: [
    { id: 'carol', appid: STRICT, nickname: 'Carol', phone: { countryCode: '86', purePhoneNumber: '13800000003' } },
    { id: 'dave', appid: STRICT, nickname: 'Dave', privacyAgreed: true },
  ],
};

let h: Harness;
let admin: EmulatorAdmin;
beforeAll(async () => {
  h = await startHarness({
    seed: { apps: [...TEST_SEED.apps, ...SEED_EXTRA.apps], users: [...TEST_SEED.users, ...SEED_EXTRA.users], templates: TEST_SEED.templates },
  });
  admin = new EmulatorAdmin(h.emulator.url);
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const ttFor = (userId: string, extra: Partial<Parameters<typeof createTt>[0]> = {}) =>
  createTt({ emulatorUrl: h.emulator.url, appid: STRICT, userId, ...extra });

/** A custom popup: records each ask, and answers with what `answer` says. */
function popup(answer: (resolve: (o: PrivacyResolveOption) => void, tap: (id: string) => void) => void) {
  const referrers: string[] = [];
  let tap: (id: string) => void = () => undefined;
  const listener: NeedPrivacyAuthorizationListener = (resolve, info) => {
    referrers.push(info.referrer);
    resolve({ event: 'exposureAuthorization' });
    answer(resolve, tap);
  };
  return { referrers, listener, bind: (t: (id: string) => void) => (tap = t) };
}

describe('privacy agreement: device endpoints', () => {
  it('an app that opts in: getPrivacySetting says so, privacy APIs refuse until the user agrees', async () => {
    const carol = { appid: STRICT, userId: 'carol' };
    expect(await admin.privacySetting(carol)).toEqual({
      errMsg: 'getPrivacySetting:ok',
      needAuthorization: true,
      privacyContractName: '《测试隐私保护指引》',
    });
    await admin.login(carol);
    const refused = await h.postRaw('/__emulator/device/user-profile', carol);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ errMsg: 'getUserProfile:fail privacy permission is not authorized', privacyPending: true });
    expect(await admin.agreePrivacy(carol)).toEqual({ needAuthorization: false, privacyContractName: '《测试隐私保护指引》' });
    expect((await admin.userProfile(carol)).errMsg).toBe('getUserProfile:ok');
    expect(await admin.privacyCheck({ ...carol, api: 'getLocation' })).toEqual({ ok: true });
    // A seeded user may start agreed; the default app (no opt-in) never asks.
    expect((await admin.privacySetting({ appid: STRICT, userId: 'dave' })).needAuthorization).toBe(false);
    expect((await admin.privacySetting({ appid: APPID, userId: 'alice' })).needAuthorization).toBe(false);
  });

  it('an undeclared API fails with the documented errMsg, agreed or not; declaring more asks again', async () => {
    await admin.setAppPrivacy(STRICT, { declared: ['userInfo', 'phoneNumber'] });
    await admin.setPrivacyAgreement('carol', true);
    const res = await h.postRaw('/__emulator/device/privacy-check', { appid: STRICT, userId: 'carol', api: 'chooseAddress' });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: 'chooseAddress:fail api scope is not declared in the privacy agreement',
      errMsg: 'chooseAddress:fail api scope is not declared in the privacy agreement',
    });
    expect((await admin.users(STRICT)).find((u) => u.id === 'carol')?.privacyAgreed).toEqual(['userInfo', 'phoneNumber']);
    await admin.setAppPrivacy(STRICT, { declared: ['userInfo', 'phoneNumber', 'address'] });
    expect((await admin.privacySetting({ appid: STRICT, userId: 'carol' })).needAuthorization).toBe(true);
  });

  it('admin input is checked; reset restores the seeded agreement', async () => {
    expect((await h.postRaw('/__emulator/apps/nope/privacy', {})).status).toBe(404);
    expect((await h.postRaw(`/__emulator/apps/${STRICT}/privacy`, { declared: ['camera'] })).status).toBe(400);
    expect((await h.postRaw('/__emulator/users/carol/privacy', { agreed: 'yes' })).status).toBe(400);
    expect((await h.postRaw('/__emulator/device/privacy-check', { appid: STRICT, userId: 'carol', api: 'getClipboardData' })).status).toBe(400);
    await admin.setPrivacyAgreement('carol', true);
    await h.post('/__emulator/reset');
    expect((await admin.privacySetting({ appid: STRICT, userId: 'carol' })).needAuthorization).toBe(true);
  });
});

describe('privacy agreement: createTt', () => {
  it('a custom popup: the call waits, resumes after agree with a tapped button, and never asks again', async () => {
    const tt = ttFor('carol');
    await tt.login();
    const p = popup((resolve, tap) => {
      tap('agree-btn');
      resolve({ buttonId: 'agree-btn', event: 'agree' });
    });
    p.bind(tt.emulator.tapPrivacyAgreeButton);
    tt.onNeedPrivacyAuthorization(p.listener);
    expect((await tt.getUserProfile()).errMsg).toBe('getUserProfile:ok');
    expect(p.referrers).toEqual(['getUserProfile']);
    expect((await tt.chooseAddress()).errMsg).toBe('chooseAddress:ok');
    expect((await tt.emulator.phoneNumberEvent('code')).errMsg).toBe('getPhoneNumber:ok');
    expect(p.referrers).toHaveLength(1);
    expect(await tt.getPrivacySetting()).toMatchObject({ needAuthorization: false });
  });

  it('disagree fails the call with the refusal errMsg; the next call asks again', async () => {
    const tt = ttFor('carol');
    const answers: PrivacyResolveOption['event'][] = ['disagree', 'agree'];
    const p = popup((resolve, tap) => {
      const event = answers.shift()!;
      if (event === 'agree') tap('agree-btn');
      resolve(event === 'agree' ? { buttonId: 'agree-btn', event } : { event });
    });
    p.bind(tt.emulator.tapPrivacyAgreeButton);
    tt.onNeedPrivacyAuthorization(p.listener);
    await expect(tt.getLocation()).rejects.toEqual({ errMsg: 'getLocation:fail privacy permission is not authorized' });
    expect((await tt.getLocation()).errMsg).toBe('getLocation:ok');
    expect(p.referrers).toEqual(['getLocation', 'getLocation']);
  });

  it('"agree" without a tap on that button does not count', async () => {
    const tt = ttFor('carol');
    tt.onNeedPrivacyAuthorization((resolve) => resolve({ buttonId: 'agree-btn', event: 'agree' }));
    expect(await tt.emulator.phoneNumberEvent('code')).toEqual({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized' });
    expect((await tt.getPrivacySetting()).needAuthorization).toBe(true);
  });

  it('concurrent calls share one popup', async () => {
    const tt = ttFor('carol');
    let asks = 0;
    tt.onNeedPrivacyAuthorization((resolve) => {
      asks += 1;
      setTimeout(() => {
        tt.emulator.tapPrivacyAgreeButton('b');
        resolve({ buttonId: 'b', event: 'agree' });
      }, 20);
    });
    const [address, location] = await Promise.all([tt.chooseAddress(), tt.getLocation()]);
    expect([address.errMsg, location.errMsg, asks]).toEqual(['chooseAddress:ok', 'getLocation:ok', 1]);
  });

  it('without a listener the official popup answers (option), and requirePrivacyAuthorize uses it', async () => {
    const refusing = ttFor('carol', { officialPrivacyPopup: 'disagree' });
    await expect(refusing.requirePrivacyAuthorize()).rejects.toEqual({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
    await expect(refusing.chooseAddress()).rejects.toEqual({ errMsg: 'chooseAddress:fail privacy permission is not authorized' });
    const tt = ttFor('carol');
    const listener: NeedPrivacyAuthorizationListener = () => undefined; // would hang if it were asked
    tt.onNeedPrivacyAuthorization(listener);
    tt.offNeedPrivacyAuthorization(listener);
    expect(await tt.requirePrivacyAuthorize()).toEqual({ errMsg: 'requirePrivacyAuthorize:ok' });
    expect(await tt.openPrivacyContract()).toEqual({ errMsg: 'openPrivacyContract:ok' });
    expect(tt.emulator.privacyContractsOpened).toBe(1);
  });

  it('an undeclared API fails without a popup', async () => {
    await admin.setAppPrivacy(STRICT, { declared: [] });
    const tt = ttFor('carol');
    tt.onNeedPrivacyAuthorization(() => {
      throw new Error('must not ask');
    });
    await expect(tt.getLocation()).rejects.toEqual({ errMsg: 'getLocation:fail api scope is not declared in the privacy agreement' });
    expect((await tt.getPrivacySetting()).needAuthorization).toBe(false);
  });
});

describe('privacy_setting/query (open platform)', () => {
  it('answers is_configure with a client_token, the token error without one', async () => {
    const query = (token: string) => h.post('/api/apps/v1/privacy_setting/query/', {}, { 'access-token': token });
    const token = await clientToken(h);
    expect(await query(token)).toMatchObject({ err_no: 0, err_msg: '', data: { is_configure: true } });
    await admin.setAppPrivacy(APPID, { configured: false });
    expect(await query(token)).toMatchObject({ err_no: 0, data: { is_configure: false } });
    expect(await query('clt.nope')).toMatchObject({ err_no: 28001003 });
  });
});
