import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { startEmulator, type RunningEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { DouyinApiError, DouyinClient, InMemoryTokenStore } from '@douyin-kit/douyin-client';
import { DOUYIN_CLIENT_TOKEN_BROKER, DouyinModule, DouyinPhoneDecryptor, SessionKeyStaleError } from '../src/index.js';

// The module wired to the local emulator over real HTTP: login, both phone flows, one token fetch.
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let ref: TestingModule;
let appid: string;
let userId: string;
const tokenStore = new InMemoryTokenStore();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rsaModulusLength: 1024 });
  admin = new EmulatorAdmin(emulator.url);
  const app = await admin.createApp({ appid: `tt_nest_${process.pid}`, secret: 'nest-secret' });
  appid = app.appid;
  ({ id: userId } = await admin.createUser({ appid, phone: { countryCode: '86', purePhoneNumber: '13912345678' }, loggedIn: true }));
  ref = await Test.createTestingModule({
    imports: [
      DouyinModule.forRootAsync({
        useFactory: () => ({
          client: { appId: app.appid, appSecret: app.secret, appPrivateKeyPem: app.privateKeyPem, baseUrl: emulator.url, tokenStore },
        }),
      }),
    ],
  }).compile();
});
afterAll(async () => {
  await ref?.close();
  await emulator?.close();
});

async function session() {
  const { code } = await admin.login({ appid, userId });
  const result = await ref.get(DouyinClient).code2Session({ code: code! });
  return { subject: { userId, sessionId: result.openId! }, sessionKey: result.sessionKey! };
}

describe('DouyinModule against the emulator', () => {
  it("keeps the client_token in the app's store: fetched once, then served from it (first: nothing fetched one yet)", async () => {
    const before = await admin.calls();
    const broker = ref.get<{ getToken(): Promise<string> }>(DOUYIN_CLIENT_TOKEN_BROKER);
    const [a, b] = [await broker.getToken(), await broker.getToken()];
    const after = await admin.calls();
    expect(a).toBe(b);
    expect(await tokenStore.get(`client_token:${appid}`)).toMatchObject({ value: a });
    expect(after.client_token - before.client_token).toBe(1);
  });

  it('logs a device user in through the provided client (code2session)', async () => {
    const { code } = await admin.login({ appid, userId });
    const result = await ref.get(DouyinClient).code2Session({ code: code! });
    expect(result).toMatchObject({ openId: expect.any(String), sessionKey: expect.any(String) });
    await expect(ref.get(DouyinClient).code2Session({ code: code! })).rejects.toBeInstanceOf(DouyinApiError);
  });

  it('decrypts the phone number of the old flow with the session key, and of the new flow by code', async () => {
    const phones = ref.get(DouyinPhoneDecryptor);
    const { subject, sessionKey } = await session();
    const encrypted = await admin.phoneNumber({ appid, userId, flow: 'encrypted' });
    await expect(phones.decrypt(subject, { encryptedData: encrypted.encryptedData, iv: encrypted.iv }, sessionKey)).resolves.toMatchObject({
      purePhoneNumber: '13912345678',
      countryCode: '86',
    });
    const { code } = await admin.phoneNumber({ appid, userId, flow: 'code' });
    await expect(phones.decrypt(subject, { code }, sessionKey)).resolves.toMatchObject({ purePhoneNumber: '13912345678', watermark: { appid } });
  });

  it('refuses an old-flow payload under a key a later login rotated', async () => {
    const phones = ref.get(DouyinPhoneDecryptor);
    const first = await session();
    const encrypted = await admin.phoneNumber({ appid, userId, flow: 'encrypted' });
    const second = await session();
    expect(second.sessionKey).not.toBe(first.sessionKey);
    await expect(phones.fromSessionPayload(second.subject, encrypted, second.sessionKey)).rejects.toBeInstanceOf(SessionKeyStaleError);
  });
});
