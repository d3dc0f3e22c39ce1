import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DouyinClient, InMemoryTokenStore, type StoredToken, type TokenBroker, type TokenStore } from '@douyin-kit/douyin-client';
import {
  DOUYIN_APP_TOKEN_BROKER,
  DOUYIN_CLIENT_TOKEN_BROKER,
  DOUYIN_PAYLOAD_FAILURE_STORE,
  DOUYIN_TOKEN_STORE,
  DouyinModule,
  DouyinPhoneDecryptor,
  DouyinSessionPayloadDecryptor,
  InMemoryPayloadFailureStore,
  PayloadBudgetSpentError,
  PayloadCorruptedError,
  PhoneCodeFlowUnavailableError,
  SessionKeyStaleError,
} from '../src/index.js';

/** A getUserProfile payload made with the OpenSSL CLI (see packages/douyin-client/test/vectors). */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/profile-payload.json', import.meta.url), 'utf8')) as {
  appId: string;
  sessionKey: string;
  iv: string;
  encryptedData: string;
  rawData: string;
  signature: string;
  plaintext: Record<string, unknown>;
};
const subject = { userId: 'user-1', sessionId: 'session-1' };

/** The app's own configuration provider, as a real app would have one. */
@Injectable()
class AppSettings {
  readonly appId = fixture.appId;
  readonly appSecret = 'app-secret';
  readonly tokenStore: TokenStore = new InMemoryTokenStore();
  readonly failureStore = new InMemoryPayloadFailureStore();
}
@Module({ providers: [AppSettings], exports: [AppSettings] })
class SettingsModule {}

/** A feature of the app that injects what the module provides. */
@Injectable()
class Consumer {
  constructor(
    readonly client: DouyinClient,
    readonly decryptor: DouyinSessionPayloadDecryptor,
    @Inject(DOUYIN_APP_TOKEN_BROKER) readonly appTokens: TokenBroker,
  ) {}
}

async function compile(module: ReturnType<typeof DouyinModule.forRoot>) {
  const ref = await Test.createTestingModule({ imports: [module], providers: [Consumer] }).compile();
  return ref;
}

describe('DouyinModule.forRoot', () => {
  it('provides the client, its two token brokers, the in-memory stores and the decryptors', async () => {
    const ref = await compile(DouyinModule.forRoot({ client: { appId: fixture.appId, appSecret: 's' } }));
    const client = ref.get(DouyinClient);
    expect(client).toBeInstanceOf(DouyinClient);
    expect(ref.get(DOUYIN_APP_TOKEN_BROKER)).toBe(client.appTokens);
    expect(ref.get(DOUYIN_CLIENT_TOKEN_BROKER)).toBe(client.clientTokens);
    expect(ref.get(DOUYIN_TOKEN_STORE)).toBeInstanceOf(InMemoryTokenStore);
    expect(ref.get(DOUYIN_PAYLOAD_FAILURE_STORE)).toBeInstanceOf(InMemoryPayloadFailureStore);
    expect(ref.get(Consumer).client).toBe(client);
    expect(ref.get(Consumer).appTokens).toBe(client.appTokens);
    await ref.close();
  });

  it('is global unless the app says otherwise', () => {
    const client = { appId: 'tt_x', appSecret: 's' };
    expect([DouyinModule.forRoot({ client }).global, DouyinModule.forRoot({ client, isGlobal: false }).global]).toEqual([true, false]);
  });

  it('refuses to start without an appId and appSecret', async () => {
    await expect(compile(DouyinModule.forRoot({ client: { appId: '', appSecret: 's' } }))).rejects.toThrow(/appId and client.appSecret/);
  });
});

describe('DouyinModule.forRootAsync', () => {
  async function asyncModule(budget = 2) {
    return compile(
      DouyinModule.forRootAsync({
        imports: [SettingsModule],
        inject: [AppSettings],
        useFactory: (settings: AppSettings) => ({
          client: { appId: settings.appId, appSecret: settings.appSecret, tokenStore: settings.tokenStore },
          payloadFailures: { store: settings.failureStore, budget },
        }),
      }),
    );
  }

  it("builds the client from the app's injected configuration, with the app's stores", async () => {
    const ref = await asyncModule();
    const settings = ref.get(AppSettings);
    expect(ref.get(DOUYIN_TOKEN_STORE)).toBe(settings.tokenStore);
    expect(ref.get(DOUYIN_PAYLOAD_FAILURE_STORE)).toBe(settings.failureStore);
    // The brokers keep their tokens in the app's store: a token stored there is served without a fetch.
    const token: StoredToken = { value: 'T-from-store', obtainedAt: Date.now(), expiresAt: Date.now() + 7_200_000 };
    await settings.tokenStore.save(`app_access_token:${fixture.appId}`, token);
    await expect(ref.get(Consumer).appTokens.getToken()).resolves.toBe('T-from-store');
    await ref.close();
  });

  it('decrypts a real getUserProfile payload: signature, AES and watermark checked', async () => {
    const ref = await asyncModule();
    const data = await ref.get(Consumer).decryptor.open<Record<string, unknown>>(subject, fixture, {
      api: 'getUserProfile',
      sessionKey: fixture.sessionKey,
      signed: { rawData: fixture.rawData, signature: fixture.signature },
    });
    expect(data).toEqual(fixture.plaintext);
    await ref.close();
  });

  it('answers every tampered payload with SessionKeyStale, then spends the budget and refuses to decrypt', async () => {
    const ref = await asyncModule(2);
    const decryptor = ref.get(DouyinSessionPayloadDecryptor);
    const open = (payload: typeof fixture, signature = fixture.signature) =>
      decryptor.open(subject, payload, { api: 'getUserProfile', sessionKey: fixture.sessionKey, signed: { rawData: fixture.rawData, signature } });
    // A flipped ciphertext byte (valid signature): the padding-oracle probe.
    const bytes = Buffer.from(fixture.encryptedData, 'base64');
    bytes[bytes.length - 17]! ^= 1;
    const flipped = { ...fixture, encryptedData: bytes.toString('base64') };

    await expect(open(flipped)).rejects.toBeInstanceOf(SessionKeyStaleError);
    const spent = await open(fixture, '0'.repeat(40)).catch((e: unknown) => e);
    expect(spent).toBeInstanceOf(PayloadBudgetSpentError);
    expect(spent).toMatchObject({ exhaustedNow: true, retryAfterSeconds: expect.any(Number) });
    // Spent: even the genuine payload is not decrypted until the window moves on.
    await expect(open(fixture)).rejects.toMatchObject({ exhaustedNow: false });
    await ref.close();
  });

  it('says how a payload was damaged before loading the key, and spends nothing for it', async () => {
    const ref = await asyncModule(1);
    const decryptor = ref.get(DouyinSessionPayloadDecryptor);
    let keyLoads = 0;
    const sessionKey = async () => (keyLoads++, fixture.sessionKey);
    const damaged = { ...fixture, encryptedData: fixture.encryptedData.replaceAll('+', ' ') };
    await expect(decryptor.open(subject, damaged, { api: 'getUserProfile', sessionKey })).rejects.toBeInstanceOf(PayloadCorruptedError);
    expect(keyLoads).toBe(0);
    await expect(decryptor.open(subject, fixture, { api: 'getUserProfile', sessionKey })).resolves.toMatchObject({ nickName: '测试用户' });
    expect(await ref.get(AppSettings).failureStore.recent(subject.userId, new Date(0))).toEqual([]);
    await ref.close();
  });

  it('refuses the phone code flow without a private key, before calling Douyin', async () => {
    const ref = await asyncModule();
    await expect(ref.get(DouyinPhoneDecryptor).fromCode('code')).rejects.toBeInstanceOf(PhoneCodeFlowUnavailableError);
    await ref.close();
  });
});
