import { randomInt } from 'node:crypto';
import { ZErrorEnvelope, ZPhoneResponse } from '@douyin-kit/contracts';
import { postJson, signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { LookupHasher } from '../../core/crypto/crypto.module.js';
import { SecretBox } from '../../core/crypto/secret-box.js';
import { phoneField } from './phone.repository.js';

let running: RunningApp;
const others = extraApps();
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await others.closeAll();
  await running.close();
});
const startOther = (env: Record<string, string>) => others.start(env);

interface PhoneRow {
  phone_encrypted: Buffer | null;
  phone_key_id: string | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  phone_country_code: string | null;
  phone_updated_at: Date | null;
}

/** A random mainland mobile number, so tests never share one. */
function mobileNumber(): string {
  return `13${randomInt(0, 1e9).toString().padStart(9, '0')}`;
}

async function userWithPhone(purePhoneNumber = mobileNumber(), countryCode = '86') {
  const user = await signUp(running, { phone: { countryCode, purePhoneNumber } });
  return Object.assign(user, { e164: `+${countryCode}${purePhoneNumber}`, purePhoneNumber });
}

async function phoneRow(user: ApiUser): Promise<PhoneRow> {
  return (
    await sql<PhoneRow>(
      'SELECT phone_encrypted, phone_key_id, phone_hash, phone_masked, phone_country_code, phone_updated_at FROM users WHERE id = $1',
      [user.userId],
    )
  )[0]!;
}

function errorOf(response: { body: unknown }) {
  return ZErrorEnvelope.parse(response.body).error;
}

/** Sealed with the data key, hashed with the phone-hash key, masked; never the digits in clear. */
function expectStored(row: PhoneRow, user: { userId: string; e164: string; purePhoneNumber: string }) {
  const box = running.app.get(SecretBox);
  expect(row.phone_encrypted!.includes(Buffer.from(user.purePhoneNumber.slice(-8)))).toBe(false);
  expect(row.phone_key_id).toMatch(/^v2:/);
  expect(box.open({ keyId: row.phone_key_id!, blob: row.phone_encrypted! }, phoneField(user.userId)).toString()).toBe(user.e164);
  expect(row.phone_hash!.equals(running.app.get(LookupHasher).hash(user.e164))).toBe(true);
  expect(row).toMatchObject({ phone_masked: `${user.purePhoneNumber.slice(0, 3)}****${user.purePhoneNumber.slice(-4)}`, phone_country_code: '86' });
  expect(row.phone_updated_at).toBeInstanceOf(Date);
}

describe('POST /me/phone, old flow (encryptedData + iv)', () => {
  it('stores the number sealed, hashed and masked, and answers with the masked number only', async () => {
    const user = await userWithPhone();
    const tap = await emulator.phoneNumber(user.douyinUserId, 'encrypted');

    const response = await user.post('/me/phone', { encryptedData: tap.encryptedData, iv: tap.iv });

    expect(response.status).toBe(200);
    expect(ZPhoneResponse.parse(response.body)).toEqual({
      phoneMasked: `${user.purePhoneNumber.slice(0, 3)}****${user.purePhoneNumber.slice(-4)}`,
      countryCode: '86',
    });
    expect(JSON.stringify(response.body)).not.toContain(user.purePhoneNumber);
    expectStored(await phoneRow(user), user);
    const me = await fetch(`${running.baseUrl}/me`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(await me.json()).toMatchObject({ phoneMasked: response.body.phoneMasked });
  });

  it('answers SESSION_KEY_STALE when tt.login ran again before the tap', async () => {
    const user = await userWithPhone();
    await emulator.login(user.douyinUserId);
    const tap = await emulator.phoneNumber(user.douyinUserId, 'encrypted');

    const response = await user.post('/me/phone', tap);

    expect(response.status).toBe(409);
    expect(errorOf(response)).toEqual({
      code: 'SESSION_KEY_STALE',
      message: expect.stringMatching(/tt\.login.*getPhoneNumber/),
      requestId: expect.any(String),
    });
    expect((await phoneRow(user)).phone_hash).toBeNull();
  });

  it("never lets user B's token touch user A's row, even with A's payload", async () => {
    const a = await userWithPhone();
    const b = await userWithPhone();
    const tapA = await emulator.phoneNumber(a.douyinUserId, 'encrypted');
    expect((await a.post('/me/phone', tapA)).status).toBe(200);
    const before = await phoneRow(a);

    // A's payload under B's session: B's key cannot open it.
    expect(errorOf(await b.post('/me/phone', tapA)).code).toBe('SESSION_KEY_STALE');
    expect((await b.post('/me/phone', await emulator.phoneNumber(b.douyinUserId, 'encrypted'))).status).toBe(200);

    expect(await phoneRow(a)).toEqual(before);
    expectStored(await phoneRow(b), b);
  });

  it('answers LOGIN_REQUIRED to an anonymous session', async () => {
    const visitor = await signUp(running, { loggedIn: false });
    const tap = await emulator.phoneNumber((await userWithPhone()).douyinUserId, 'encrypted');
    const response = await visitor.post('/me/phone', tap);
    expect([response.status, errorOf(response).code]).toEqual([403, 'LOGIN_REQUIRED']);
  });
});

describe('POST /me/phone, new flow (code)', () => {
  it('redeems the code with Douyin, decrypts with the app key and stores the number', async () => {
    const user = await userWithPhone();
    const { code } = await emulator.phoneNumber(user.douyinUserId, 'code');

    const response = await user.post('/me/phone', { code });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ phoneMasked: `${user.purePhoneNumber.slice(0, 3)}****${user.purePhoneNumber.slice(-4)}`, countryCode: '86' });
    expectStored(await phoneRow(user), user);

    const reused = await user.post('/me/phone', { code });
    expect([reused.status, errorOf(reused).code]).toEqual([400, 'PHONE_CODE_INVALID']);
  });

  it('answers 503 with retry advice when Douyin is busy or unreachable', async () => {
    const user = await userWithPhone();
    for (const rule of [{ errNo: -1 }, { drop: true }]) {
      const { code } = await emulator.phoneNumber(user.douyinUserId, 'code');
      const remove = await emulator.fault({ operation: 'get_phonenumber_info', match: { code }, ...rule });
      try {
        const response = await user.post('/me/phone', { code });
        expect(response.status).toBe(503);
        expect(errorOf(response)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { retryAfterSeconds: expect.any(Number) } });
      } finally {
        await remove();
      }
    }
    expect((await phoneRow(user)).phone_hash).toBeNull();
  });

  it('answers 503 naming DOUYIN_APP_PRIVATE_KEY when it is not configured, without spending the code', async () => {
    const unconfigured = await startOther({ DOUYIN_APP_PRIVATE_KEY: '' });
    const user = await userWithPhone();
    const { code } = await emulator.phoneNumber(user.douyinUserId, 'code');

    const response = await postJson(unconfigured.baseUrl, '/me/phone', { code }, user.token);

    expect(response.status).toBe(503);
    expect(errorOf(response)).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('DOUYIN_APP_PRIVATE_KEY') });
    expect((await user.post('/me/phone', { code })).status).toBe(200);
  });
});

describe('POST /me/phone, number and body checks', () => {
  it('refuses a number of the wrong shape in both flows with PHONE_NUMBER_INVALID, never echoing it', async () => {
    for (const [countryCode, number] of [
      ['86', '12345678901'],
      ['86', '1381234567'],
      ['852', '1234567890123456'],
    ] as const) {
      const user = await userWithPhone(number, countryCode);
      const taps = [await emulator.phoneNumber(user.douyinUserId, 'encrypted'), await emulator.phoneNumber(user.douyinUserId, 'code')];
      for (const tap of taps) {
        const response = await user.post('/me/phone', tap);
        expect([number, response.status, errorOf(response).code]).toEqual([number, 400, 'PHONE_NUMBER_INVALID']);
        expect(JSON.stringify(response.body)).not.toContain(number);
      }
      expect((await phoneRow(user)).phone_encrypted).toBeNull();
    }
  });

  it('accepts a number outside mainland China as E.164', async () => {
    const user = await userWithPhone('91234567', '852');
    const response = await user.post('/me/phone', await emulator.phoneNumber(user.douyinUserId, 'code'));
    expect(response.body).toEqual({ phoneMasked: '91****67', countryCode: '852' });
    const row = await phoneRow(user);
    expect(running.app.get(SecretBox).open({ keyId: row.phone_key_id!, blob: row.phone_encrypted! }, phoneField(user.userId)).toString()).toBe(
      '+85291234567',
    );
  });

  it('takes exactly one flow: both, neither or unknown fields are refused', async () => {
    const user = await userWithPhone();
    const tap = await emulator.phoneNumber(user.douyinUserId, 'encrypted');
    for (const body of [{}, { ...tap, code: 'c' }, { code: '' }, { encryptedData: tap.encryptedData }]) {
      const response = await user.post('/me/phone', body);
      expect([response.status, errorOf(response).code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});
