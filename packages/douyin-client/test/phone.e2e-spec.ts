import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DouyinClient, DouyinCryptoError, type DouyinTransport } from '../src/index.js';
import { delta, type EmuApp, EmulatorHarness, rejection } from './emulator-harness.js';

let h: EmulatorHarness;
let app: EmuApp;
let client: DouyinClient;

beforeAll(async () => {
  h = await EmulatorHarness.start({ rsaModulusLength: 1024 }); // 1024-bit: the phone JSON spans 2 blocks
  app = await h.createApp();
  client = h.client(app);
});
afterAll(() => h.close());

async function phoneCode(userId: string): Promise<string> {
  const { code } = await h.admin.phoneNumber({ appid: app.appid, userId, flow: 'code' });
  return code;
}

describe('getPhoneNumberByCode against the emulator', () => {
  it('redeems a phone code and decrypts the segmented RSA ciphertext', async () => {
    const user = await h.createUser(app.appid, { phone: { countryCode: '86', purePhoneNumber: '13700001111' } });
    const phone = await client.getPhoneNumberByCode(await phoneCode(user.id));
    expect(phone).toMatchObject({ purePhoneNumber: '13700001111', countryCode: '86', watermark: { appid: app.appid } });
  });

  it('28005187: an expired phone code (bad_code), not retried', async () => {
    const user = await h.createUser(app.appid);
    const code = await phoneCode(user.id);
    await client.clientTokens.getToken();
    await h.advance(301);
    const before = await h.calls();
    expect(await rejection(client.getPhoneNumberByCode(code))).toMatchObject({
      errNo: 28005187,
      kind: 'bad_code',
      endpoint: '/api/apps/v1/get_phonenumber_info/',
    });
    expect(delta(await h.calls(), before)).toEqual({ get_phonenumber_info: 1 });
  });

  it('28005187 from a fault rule as well', async () => {
    await h.fault({ operation: 'get_phonenumber_info', errNo: 28005187, times: 1 });
    expect(await rejection(client.getPhoneNumberByCode('any'))).toMatchObject({ errNo: 28005187, kind: 'bad_code' });
  });

  it('a used phone code is refused', async () => {
    const user = await h.createUser(app.appid);
    const code = await phoneCode(user.id);
    await client.getPhoneNumberByCode(code);
    // The emulator answers 28001007 (invalid parameter) for unknown or used codes.
    expect(await rejection(client.getPhoneNumberByCode(code))).toMatchObject({ errNo: 28001007, kind: 'bad_request' });
  });

  it('refines the phone code refusals: expired, and unknown or used', async () => {
    const user = await h.createUser(app.appid);
    const expiring = await phoneCode(user.id);
    await client.clientTokens.getToken();
    await h.advance(301);
    expect(await rejection(client.getPhoneNumberByCode(expiring))).toMatchObject({ kind: 'bad_code', reason: 'phone_code_expired' });
    const used = await phoneCode(user.id);
    await client.getPhoneNumberByCode(used);
    // 28001007 stays a bad_request (the platform's generic "invalid parameter"); the code is the only parameter.
    expect(await rejection(client.getPhoneNumberByCode(used))).toMatchObject({ kind: 'bad_request', reason: 'phone_code_invalid' });
    expect(await rejection(client.getPhoneNumberByCode('never-issued'))).toMatchObject({ reason: 'phone_code_invalid' });
  });

  it('an expired client_token (28001008) is replaced and the same code redeemed once', async () => {
    const user = await h.createUser(app.appid);
    const code = await phoneCode(user.id);
    await client.clientTokens.getToken();
    await h.fault({ operation: 'get_phonenumber_info', errNo: 28001008, times: 1 });
    const before = await h.calls();
    await expect(client.getPhoneNumberByCode(code)).resolves.toMatchObject({ purePhoneNumber: '13912345678' });
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1, get_phonenumber_info: 2 });
  });

  it('a wrong app private key gives rsa_bad_padding, with nothing secret in the error', async () => {
    const other = await h.createApp();
    const wrongKey = h.client(app, { appPrivateKeyPem: other.privateKeyPem });
    const user = await h.createUser(app.appid);
    const err = await rejection(wrongKey.getPhoneNumberByCode(await phoneCode(user.id)));
    expect(err).toBeInstanceOf(DouyinCryptoError);
    expect(['rsa_bad_padding', 'rsa_decrypt_failed']).toContain(err.reason);
    expect(JSON.stringify(err) + err.message).not.toMatch(/13912345678|PRIVATE KEY/);
  });
});

describe('getPhoneNumberByCode response shapes', () => {
  const vectors = JSON.parse(readFileSync(new URL('./vectors/rsa.json', import.meta.url), 'utf8')) as {
    cases: { name: string; privateKeyPem: string; ciphertext: string; appId: string }[];
  };
  const good = vectors.cases[0]!;

  /** The platform's answer is scripted here: the emulator only produces the documented `data` string. */
  function clientAnswering(data: unknown): DouyinClient {
    const transport: DouyinTransport = {
      async send(req) {
        if (req.path === '/oauth/client_token/') {
          return {
            status: 200,
            body: JSON.stringify({ data: { access_token: 'clt.x', error_code: 0, description: '', expires_in: 7200 }, message: 'success' }),
          };
        }
        return { status: 200, body: JSON.stringify({ err_no: 0, err_msg: '', log_id: 'L', data }) };
      },
    };
    return new DouyinClient({ appId: good.appId, appSecret: 's', appPrivateKeyPem: good.privateKeyPem, transport });
  }

  it('accepts data as the base64 string', async () => {
    await expect(clientAnswering(good.ciphertext).getPhoneNumberByCode('c')).resolves.toMatchObject({ purePhoneNumber: '13800000000' });
  });

  it('accepts data.encrypted_data', async () => {
    await expect(clientAnswering({ encrypted_data: good.ciphertext }).getPhoneNumberByCode('c')).resolves.toMatchObject({
      purePhoneNumber: '13800000000',
    });
  });

  it('refuses a missing ciphertext with a crypto error', async () => {
    expect(await rejection(clientAnswering({}).getPhoneNumberByCode('c'))).toMatchObject({ reason: 'bad_base64' });
  });

  it('needs the private key option', async () => {
    const c = new DouyinClient({ appId: 'tt', appSecret: 's', baseUrl: h.url });
    await expect(c.getPhoneNumberByCode('c')).rejects.toBeInstanceOf(TypeError);
  });
});
