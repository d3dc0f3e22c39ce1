import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance, aesDecrypt, APPID, clientToken, rsaDecryptSegmented, SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
let privateKeyPem: string;
beforeAll(async () => {
  h = await startHarness(); // 1024-bit keys: the phone JSON needs two RSA blocks
  privateKeyPem = (await h.get('/__emulator/apps')).find((a: any) => a.appid === APPID).privateKeyPem;
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const tap = (userId: string, flow: 'encrypted' | 'code') => h.postRaw('/__emulator/device/phone-number', { appid: APPID, userId, flow });
const redeem = (token: string, code: unknown) => h.post('/api/apps/v1/get_phonenumber_info/', { code }, { 'access-token': token });

describe('phone number, old flow (encryptedData + iv)', () => {
  it('encrypts the phone plaintext with the current session key', async () => {
    const { code } = await h.post('/__emulator/device/login', { appid: APPID, userId: 'alice' });
    const { data } = await h.post('/api/apps/v2/jscode2session', { appid: APPID, secret: SECRET, code });
    const res = await (await tap('alice', 'encrypted')).json();
    expect(res.errMsg).toBe('getPhoneNumber:ok');
    expect(aesDecrypt(data.session_key, res.encryptedData, res.iv)).toEqual({
      phoneNumber: '13800000001',
      purePhoneNumber: '13800000001',
      countryCode: '86',
      watermark: { appid: APPID, timestamp: expect.any(Number) },
    });
  });

  it('fails like tt for a user without a phone, or not logged in', async () => {
    await h.post('/__emulator/device/login', { appid: APPID, userId: 'bob' });
    const noPhone = await tap('bob', 'encrypted');
    expect(noPhone.status).toBe(422);
    expect(await noPhone.json()).toMatchObject({ errMsg: 'getPhoneNumber:fail no phone number' });
    expect(await (await tap('guest', 'code')).json()).toMatchObject({ errMsg: 'getPhoneNumber:fail not login' });
  });
});

describe('phone number, new flow (code + get_phonenumber_info)', () => {
  it('returns segmented RSA PKCS#1 v1.5 ciphertext made with the app public key', async () => {
    const token = await clientToken(h);
    const { code, errMsg } = await (await tap('alice', 'code')).json();
    expect(errMsg).toBe('getPhoneNumber:ok');
    const res = await redeem(token, code);
    expect(res).toMatchObject({ err_no: 0, log_id: expect.any(String), data: expect.any(String) });
    expect(Buffer.from(res.data, 'base64')).toHaveLength(256); // two 128-byte blocks
    expect(JSON.parse(rsaDecryptSegmented(privateKeyPem, res.data))).toEqual({
      phoneNumber: '13800000001',
      purePhoneNumber: '13800000001',
      countryCode: '86',
      watermark: { appid: APPID, timestamp: expect.any(Number) },
    });
    // single use
    expect((await redeem(token, code)).err_no).toBe(28001007);
  });

  it('rejects an expired code with 28005187 and a bad token with 28001003', async () => {
    const token = await clientToken(h);
    const { code } = await (await tap('alice', 'code')).json();
    await advance(h, 301);
    expect(await redeem(token, code)).toMatchObject({ err_no: 28005187, log_id: expect.any(String) });
    expect((await redeem('clt.nope', 'x')).err_no).toBe(28001003);
    expect((await redeem(await clientToken(h), undefined)).err_no).toBe(28001007);
  });

  it('fits one block with a 2048-bit key, and shows the country code for non-86 numbers', async () => {
    const big = await startHarness({
      rsaModulusLength: 2048,
      seed: {
        apps: [{ appid: 'tt_big', secret: 's' }],
        users: [{ id: 'u', appid: 'tt_big', phone: { countryCode: '1', purePhoneNumber: '4155550100' } }],
      },
    });
    try {
      const pem = (await big.get('/__emulator/apps'))[0].privateKeyPem;
      const tok = (await big.post('/oauth/client_token/', { client_key: 'tt_big', client_secret: 's', grant_type: 'client_credential' })).data
        .access_token;
      const { code } = await (await big.postRaw('/__emulator/device/phone-number', { appid: 'tt_big', userId: 'u', flow: 'code' })).json();
      const res = await big.post('/api/apps/v1/get_phonenumber_info/', { code }, { 'access-token': tok });
      expect(Buffer.from(res.data, 'base64')).toHaveLength(256);
      expect(JSON.parse(rsaDecryptSegmented(pem, res.data))).toMatchObject({ phoneNumber: '+1 4155550100', countryCode: '1' });
    } finally {
      await big.close();
    }
  });
});
