import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { ZErrorEnvelope, ZLoginResponse, ZUser } from '@douyin-kit/contracts';
import { postJson, signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { sessionKeyOf } from '../../../test/session-key.js';

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

const PROFILE = { gender: 1, city: '杭州', province: '浙江', country: '中国', language: 'zh_CN', avatarUrl: 'https://example.com/a.png' };

function newUser(fields: Record<string, unknown> = {}) {
  return signUp(running, { nickname: `小明-${randomUUID().slice(0, 8)}`, ...PROFILE, ...fields });
}

async function profileOf(user: ApiUser) {
  const { rawData, signature, encryptedData, iv } = await emulator.userProfile(user.douyinUserId);
  return { rawData, signature, encryptedData, iv };
}

function errorOf(response: { body: unknown }) {
  return ZErrorEnvelope.parse(response.body).error;
}

async function storedNickname(userId: string) {
  return (await sql<{ nickname: string | null }>('SELECT nickname FROM users WHERE id = $1', [userId]))[0]!.nickname;
}

describe('POST /me/profile', () => {
  it("stores the signed getUserProfile fields on the caller's row and returns the user", async () => {
    const user = await newUser();
    const payload = await profileOf(user);
    const nickname = (JSON.parse(payload.rawData) as { nickName: string }).nickName;

    const response = await user.post('/me/profile', payload);

    expect(response.status).toBe(200);
    expect(ZUser.parse(response.body)).toMatchObject({ id: user.userId, nickname, gender: 1, city: '杭州', province: '浙江', country: '中国' });
    const [row] = await sql<Record<string, unknown>>(
      'SELECT nickname, avatar_url, gender, city, province, country, language, profile_updated_at FROM users WHERE id = $1',
      [user.userId],
    );
    expect(row).toMatchObject({
      nickname,
      avatar_url: PROFILE.avatarUrl,
      gender: 1,
      city: '杭州',
      province: '浙江',
      country: '中国',
      language: 'zh_CN',
    });
    expect(row!.profile_updated_at).toBeInstanceOf(Date);
  });

  it('refuses a changed rawData as a stale key (no reason given) and stores nothing', async () => {
    const user = await newUser();
    const payload = await profileOf(user);
    const rawData = JSON.stringify({ ...JSON.parse(payload.rawData), nickName: 'someone else' });

    const response = await user.post('/me/profile', { ...payload, rawData });

    expect(response.status).toBe(409);
    expect(errorOf(response)).not.toHaveProperty('details');
    expect(errorOf(response).code).toBe('SESSION_KEY_STALE');
    expect(await storedNickname(user.userId)).toBeNull();
  });

  it('answers SESSION_KEY_STALE when tt.login ran again after POST /auth/login, and works after logging in again', async () => {
    const user = await newUser();
    // The mini-program calls tt.login again (rotating the key) but does not send the new code.
    const { code } = await emulator.login(user.douyinUserId);
    const payload = await profileOf(user);

    const stale = await user.post('/me/profile', payload);
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toMatchObject({
      code: 'SESSION_KEY_STALE',
      message: expect.stringMatching(/tt\.login.*POST \/auth\/login.*getUserProfile/),
    });

    const { token } = ZLoginResponse.parse((await postJson(running.baseUrl, '/auth/login', { code })).body);
    expect((await postJson(running.baseUrl, '/me/profile', payload, token)).status).toBe(200);
  });

  it('answers PAYLOAD_CORRUPTED with the reason when a base64 field was damaged on the way', async () => {
    const user = await newUser();
    let payload = await profileOf(user);
    // Ciphertexts are random: ask again until one holds a '+' to lose (almost always at once).
    for (let i = 0; i < 20 && !payload.encryptedData.includes('+'); i++) payload = await profileOf(user);
    expect(payload.encryptedData).toContain('+');

    const cases = [
      { body: { ...payload, encryptedData: payload.encryptedData.replaceAll('+', ' ') }, reason: 'plus_became_space' },
      { body: { ...payload, encryptedData: payload.encryptedData.slice(0, -1) }, reason: 'bad_base64' },
      { body: { ...payload, encryptedData: payload.encryptedData.slice(0, -4) }, reason: 'not_block_multiple' },
      { body: { ...payload, iv: payload.iv.slice(0, -4) }, reason: 'bad_iv_length' },
    ];
    for (const { body, reason } of cases) {
      const response = await user.post('/me/profile', body);
      expect([reason, response.status]).toEqual([reason, 400]);
      expect(errorOf(response)).toMatchObject({ code: 'PAYLOAD_CORRUPTED', details: { reason } });
    }
    const plus = await user.post('/me/profile', cases[0]!.body);
    expect(errorOf(plus).details).toMatchObject({ hint: expect.stringContaining("'+'") });
  });

  it("refuses the session of another mini-program's user, even on a shared database", async () => {
    const other = await emulator.createApp();
    const otherApi = await startOther({ DOUYIN_APP_ID: other.appid, DOUYIN_APP_SECRET: other.secret });
    const douyinUser = await emulator.client.createUser({ appid: other.appid, nickname: 'Other' });
    const { code } = await emulator.client.login({ appid: other.appid, userId: douyinUser.id });
    const { token } = ZLoginResponse.parse((await postJson(otherApi.baseUrl, '/auth/login', { code })).body);
    const payload = await emulator.client.userProfile({ appid: other.appid, userId: douyinUser.id });
    const body = { rawData: payload.rawData, signature: payload.signature, encryptedData: payload.encryptedData, iv: payload.iv };

    expect((await postJson(otherApi.baseUrl, '/me/profile', body, token)).status).toBe(200);
    const response = await postJson(running.baseUrl, '/me/profile', body, token);
    expect([response.status, errorOf(response).code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses, as a stale key, a correctly signed rawData whose encrypted copy says something else or is for another app', async () => {
    const user = await newUser();
    // Made the way Douyin makes it, under this session's own key (unsealed here with the run's
    // data keys): signature and decryption both check out, only the content is wrong.
    const sessionKey = await sessionKeyOf(user.token);
    const rawData = JSON.stringify({ nickName: 'x', avatarUrl: '', gender: 0, city: '', province: '', country: '', language: 'zh_CN' });
    const signature = createHash('sha1')
      .update(rawData + sessionKey)
      .digest('hex');
    const encrypted = (fields: Record<string, unknown>, appid: string) => {
      const plaintext = JSON.stringify({ ...JSON.parse(rawData), ...fields, watermark: { appid, timestamp: 1 } });
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
      return { encryptedData: Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64'), iv: iv.toString('base64') };
    };
    const cases = {
      'another app': encrypted({}, 'tt_some_other_app'),
      'another nickname': encrypted({ nickName: '抖音官方客服' }, emulator.appId),
      'another avatar': encrypted({ avatarUrl: 'https://evil.example/a.png' }, emulator.appId),
    };

    for (const [name, ciphertext] of Object.entries(cases)) {
      const response = await user.post('/me/profile', { rawData, signature, ...ciphertext });
      expect([name, response.status, errorOf(response).code, errorOf(response).details]).toEqual([name, 409, 'SESSION_KEY_STALE', undefined]);
    }
    expect(await storedNickname(user.userId)).toBeNull();
    // The same rawData with its true encrypted copy is stored: only the mismatch was refused.
    expect((await user.post('/me/profile', { rawData, signature, ...encrypted({}, emulator.appId) })).status).toBe(200);
    expect(await storedNickname(user.userId)).toBe('x');
  });

  it('answers LOGIN_REQUIRED to an anonymous session, which has no session key', async () => {
    const visitor = await signUp(running, { loggedIn: false });
    const payload = await profileOf(await newUser());

    const response = await visitor.post('/me/profile', payload);

    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('LOGIN_REQUIRED');
  });

  it('validates the body and needs a session', async () => {
    const user = await newUser();
    const payload = await profileOf(user);
    for (const body of [{}, { ...payload, iv: 42 }, { ...payload, openid: 'x' }]) {
      const response = await user.post('/me/profile', body);
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    }
    expect((await postJson(running.baseUrl, '/me/profile', payload)).status).toBe(401);
  });
});
