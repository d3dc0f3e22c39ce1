import { createCipheriv, randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ZErrorEnvelope, ZLoginResponse } from '@douyin-kit/contracts';
import { inject } from 'vitest';
import { postJson, requestJson, signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { AttackStopped, NoOracle, PaddingOracleAttacker, type Ask } from '../../../test/padding-oracle-attacker.js';
import { sessionKeyOf } from '../../../test/session-key.js';

/**
 * The padding-oracle attack of issue 11, run against the real API over HTTP: a logged-in user
 * sends ciphertexts of their choosing to POST /me/phone and POST /me/profile, which decrypt them
 * with the user's own session key. Before the fix the answers told bad padding apart and ~18,500
 * requests forged a phone number and a nickname. test/padding-oracle-attacker.spec.ts shows the
 * same attacker forging against a server that tells bad padding apart.
 */

const BUDGET = 5;
const WINDOW_SECONDS = 600;

/** The default budget, as production runs it. */
let running: RunningApp;
/** A budget no test reaches: shows what the answers alone give an attacker. */
let unlimited: RunningApp;
const others = extraApps();
beforeAll(async () => {
  running = await startApp({
    PAYLOAD_FAILURE_BUDGET: String(BUDGET),
    PAYLOAD_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    // The burst below queues 20 requests of one user on its budget lock: on a CI machine busy
    // with the rest of the suite, a shed 503 or a 2 s pool wait would answer some of them
    // before they try, which says nothing about the budget.
    SHED_EVENT_LOOP_DELAY_MS: '0',
    DATABASE_CONNECT_TIMEOUT_MS: '15000',
  });
  unlimited = await others.start({ PAYLOAD_FAILURE_BUDGET: '1000' });
});
afterAll(async () => {
  await others.closeAll();
  await running.close();
});

interface RawAnswer {
  status: number;
  headers: Headers;
  /** The body as sent, with the request id cut out (the only part allowed to differ). */
  text: string;
}

async function post(app: RunningApp, path: string, body: unknown, token: string): Promise<RawAnswer> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const requestId = response.headers.get('x-request-id')!;
  expect(text).toContain(requestId);
  return { status: response.status, headers: response.headers, text: text.replaceAll(requestId, '<id>') };
}

/** Everything a client could compare: status, the headers that describe the body, the body. */
const fingerprint = (answer: RawAnswer) =>
  JSON.stringify([
    answer.status,
    answer.headers.get('content-type'),
    answer.headers.get('content-length'),
    answer.headers.get('retry-after'),
    answer.text,
  ]);

const b64 = (bytes: Buffer) => bytes.toString('base64');
const randomCiphertext = (blocks = 3) => ({ encryptedData: b64(randomBytes(16 * blocks)), iv: b64(randomBytes(16)) });

/** AES-CBC as Douyin does it, under a key of the test's choosing; `pad: false` leaves the padding to the plaintext. */
function encrypt(plaintext: string | Buffer, sessionKey: string, { pad = true } = {}) {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv).setAutoPadding(pad);
  return { encryptedData: b64(Buffer.concat([cipher.update(plaintext), cipher.final()])), iv: b64(iv) };
}

function mobileNumber(): string {
  return `13${randomInt(0, 1e9).toString().padStart(9, '0')}`;
}

/** A logged-in user whose phone number and profile are already stored, the genuine way. */
async function userWithData(app: RunningApp): Promise<ApiUser> {
  const user = await signUp(app, { nickname: `真用户-${randomInt(1e6)}`, phone: { countryCode: '86', purePhoneNumber: mobileNumber() } });
  expect((await user.post('/me/phone', await emulator.phoneNumber(user.douyinUserId, 'encrypted'))).status).toBe(200);
  const profile = await emulator.userProfile(user.douyinUserId);
  const { rawData, signature, encryptedData, iv } = profile;
  expect((await user.post('/me/profile', { rawData, signature, encryptedData, iv })).status).toBe(200);
  return user;
}

async function storedData(user: ApiUser) {
  const [row] = await sql<Record<string, unknown>>(
    'SELECT nickname, avatar_url, phone_hash, phone_masked, phone_encrypted, phone_updated_at, profile_updated_at FROM users WHERE id = $1',
    [user.userId],
  );
  return row!;
}

async function failureRows(user: ApiUser): Promise<number> {
  const [row] = await sql<{ count: string }>('SELECT count(*) FROM payload_failures WHERE user_id = $1', [user.userId]);
  return Number(row!.count);
}

/** A fresh tt.login and POST /auth/login of the same user: a new session with the new key. */
async function loginAgain(app: RunningApp, user: ApiUser): Promise<string> {
  const { code } = await user.tt.login();
  const login = await postJson(app.baseUrl, '/auth/login', { code });
  expect(login.status).toBe(200);
  return ZLoginResponse.parse(login.body).token;
}

/** The attacker's view of a route: an answer per ciphertext, until the API cuts it off. */
function askThrough(app: RunningApp, path: string, token: string, extra: Record<string, string> = {}): Ask {
  return async (iv, ciphertext) => {
    const answer = await post(app, path, { ...extra, iv: b64(iv), encryptedData: b64(ciphertext) }, token);
    if (answer.status === 429 || answer.status === 401) throw new AttackStopped(`${answer.status} ${answer.text}`);
    return `${answer.status} ${answer.text}`;
  };
}

describe('padding oracle: one answer for every decryption failure', () => {
  it('answers every kind of failure to open a phone payload with the same bytes', async () => {
    const user = await signUp(unlimited, { phone: { countryCode: '86', purePhoneNumber: mobileNumber() } });
    const other = await signUp(unlimited, { phone: { countryCode: '86', purePhoneNumber: mobileNumber() } });
    const key = await sessionKeyOf(user.token);
    const watermark = { appid: emulator.appId, timestamp: 1 };
    const kinds = {
      'random ciphertext': randomCiphertext(),
      'bad padding under the right key': encrypt(Buffer.alloc(32, 0x41), key, { pad: false }),
      'not JSON under the right key': encrypt('not json', key),
      'JSON that is not an object': encrypt('[1,2]', key),
      'no watermark': encrypt(JSON.stringify({ purePhoneNumber: '13900000000', countryCode: '86' }), key),
      "another app's watermark": encrypt(
        JSON.stringify({ purePhoneNumber: '13900000000', countryCode: '86', watermark: { ...watermark, appid: 'tt_other' } }),
        key,
      ),
      "another user's payload": await emulator.phoneNumber(other.douyinUserId, 'encrypted'),
      'made before a later tt.login (stale key)': await (async () => {
        await emulator.login(user.douyinUserId);
        return emulator.phoneNumber(user.douyinUserId, 'encrypted');
      })(),
    };

    const answers = new Map<string, RawAnswer>();
    for (const [kind, body] of Object.entries(kinds)) answers.set(kind, await post(unlimited, '/me/phone', body, user.token));

    expect(new Set([...answers.values()].map(fingerprint)).size).toBe(1);
    const answer = answers.get('random ciphertext')!;
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'SESSION_KEY_STALE', message: expect.stringMatching(/tt\.login.*getPhoneNumber/), requestId: '<id>' },
    });
    expect((await storedData(user)).phone_hash).toBeNull();
  });

  it('answers every kind of failure to open or verify a profile payload with the same bytes', async () => {
    const user = await signUp(unlimited, { nickname: '小明' });
    const key = await sessionKeyOf(user.token);
    const genuine = await emulator.userProfile(user.douyinUserId);
    const signed = { rawData: genuine.rawData, signature: genuine.signature };
    const fields = JSON.parse(genuine.rawData) as Record<string, unknown>;
    const watermark = { appid: emulator.appId, timestamp: 1 };
    const kinds = {
      'bad signature': { ...genuine, signature: 'a'.repeat(40) },
      'signature not hex': { ...genuine, signature: 'not-a-signature' },
      'changed rawData': { ...genuine, rawData: JSON.stringify({ ...fields, nickName: '抖音官方客服' }) },
      'random ciphertext': { ...signed, ...randomCiphertext() },
      'bad padding under the right key': { ...signed, ...encrypt(Buffer.alloc(32, 0x41), key, { pad: false }) },
      'not JSON under the right key': { ...signed, ...encrypt('not json', key) },
      "another app's watermark": { ...signed, ...encrypt(JSON.stringify({ ...fields, watermark: { ...watermark, appid: 'tt_other' } }), key) },
      'fields that differ from rawData': { ...signed, ...encrypt(JSON.stringify({ ...fields, nickName: '抖音官方客服', watermark }), key) },
      'made before a later tt.login (stale key)': await (async () => {
        await emulator.login(user.douyinUserId);
        const stale = await emulator.userProfile(user.douyinUserId);
        return { rawData: stale.rawData, signature: stale.signature, encryptedData: stale.encryptedData, iv: stale.iv };
      })(),
    };

    const answers = new Map<string, RawAnswer>();
    for (const [kind, { rawData, signature, encryptedData, iv }] of Object.entries(kinds)) {
      answers.set(kind, await post(unlimited, '/me/profile', { rawData, signature, encryptedData, iv }, user.token));
    }

    expect(new Set([...answers.values()].map(fingerprint)).size).toBe(1);
    const answer = answers.get('bad signature')!;
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'SESSION_KEY_STALE', message: expect.stringMatching(/tt\.login.*getUserProfile/), requestId: '<id>' },
    });
    expect((await storedData(user)).nickname).toBeNull();
  });
});

describe('padding oracle: the failure budget', () => {
  it('cuts a user off within the budget: 429 with Retry-After, the session revoked, a new login still refused', async () => {
    const user = await signUp(running, { phone: { countryCode: '86', purePhoneNumber: mobileNumber() } });
    const genuine = await emulator.userProfile(user.douyinUserId);

    const statuses: number[] = [];
    let last: RawAnswer | undefined;
    for (let i = 0; i < BUDGET; i++) {
      last =
        i % 2 === 0
          ? await post(running, '/me/phone', randomCiphertext(), user.token)
          : await post(running, '/me/profile', { rawData: genuine.rawData, signature: genuine.signature, ...randomCiphertext() }, user.token);
      statuses.push(last.status);
    }

    expect(statuses).toEqual([...Array<number>(BUDGET - 1).fill(409), 429]);
    const { error } = ZErrorEnvelope.parse(JSON.parse(last!.text));
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/signed out/),
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBe((error.details as { retryAfterSeconds: number }).retryAfterSeconds);
    expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(await failureRows(user)).toBe(BUDGET);

    // The session is revoked: the same token is refused everywhere.
    expect((await requestJson(running.baseUrl, 'GET', '/me', undefined, user.token)).status).toBe(401);

    // A new login (tt.login rotates the key) is a new session, but the budget is the user's:
    // even genuine payloads are refused, without being decrypted, until the window frees a slot.
    const token = await loginAgain(running, user);
    const phone = await post(running, '/me/phone', await emulator.phoneNumber(user.douyinUserId, 'encrypted'), token);
    const fresh = await emulator.userProfile(user.douyinUserId);
    const profile = await post(
      running,
      '/me/profile',
      { rawData: fresh.rawData, signature: fresh.signature, encryptedData: fresh.encryptedData, iv: fresh.iv },
      token,
    );
    for (const answer of [phone, profile]) {
      expect(answer.status).toBe(429);
      expect(ZErrorEnvelope.parse(JSON.parse(answer.text)).error).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/nothing was decrypted/),
      });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await failureRows(user)).toBe(BUDGET);
    expect(await storedData(user)).toMatchObject({ phone_hash: null, nickname: null });
    // That session itself is not revoked, and the code flow (no client ciphertext) still works.
    expect((await requestJson(running.baseUrl, 'GET', '/me', undefined, token)).status).toBe(200);
    expect((await postJson(running.baseUrl, '/me/phone', await emulator.phoneNumber(user.douyinUserId, 'code'), token)).status).toBe(200);

    // One warning for the operator, naming user, session and api, never the payload.
    const lines = (await readFile(inject('logCaptureFile'), 'utf8'))
      .split('\n')
      .filter((line) => line.includes(user.userId) && line.includes('budget spent'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', userId: user.userId, sessionId: expect.any(String), api: 'getPhoneNumber' });
    expect(lines[0]).not.toContain(genuine.rawData.slice(0, 20));
  });

  it('never decrypts more than the budget for a burst of concurrent requests', async () => {
    const user = await signUp(running, {});
    const answers = await Promise.all(Array.from({ length: 4 * BUDGET }, () => post(running, '/me/phone', randomCiphertext(), user.token)));

    expect(await failureRows(user)).toBe(BUDGET);
    expect(answers.filter((answer) => answer.status === 409 || answer.text.includes('signed out'))).toHaveLength(BUDGET);
    for (const answer of answers) expect([409, 429, 401]).toContain(answer.status);
    expect((await requestJson(running.baseUrl, 'GET', '/me', undefined, user.token)).status).toBe(401);
  });

  it('keeps counting per user while other users decrypt as usual', async () => {
    const attacker = await signUp(running, {});
    for (let i = 0; i < BUDGET; i++) await post(running, '/me/phone', randomCiphertext(), attacker.token);
    const bystander = await signUp(running, { phone: { countryCode: '86', purePhoneNumber: mobileNumber() } });
    expect((await bystander.post('/me/phone', await emulator.phoneNumber(bystander.douyinUserId, 'encrypted'))).status).toBe(200);
  });
});

describe('padding oracle: a CBC-R attacker', () => {
  const forgedPhone = () => `{"purePhoneNumber":"13900000000","countryCode":"86","watermark":{"appid":"${emulator.appId}","timestamp":1}}`;
  const forgedProfile = () =>
    `{"nickName":"抖音官方客服","avatarUrl":"https://evil.example/a.png","gender":0,"city":"","province":"","country":"","language":"zh_CN","watermark":{"appid":"${emulator.appId}","timestamp":1}}`;

  it('forges no phone number and is cut off within the budget', async () => {
    const user = await userWithData(running);
    const before = await storedData(user);
    const attacker = new PaddingOracleAttacker(askThrough(running, '/me/phone', user.token));

    await expect(attacker.forge(Buffer.from(forgedPhone()))).rejects.toBeInstanceOf(AttackStopped);

    expect(attacker.queries).toBeLessThanOrEqual(BUDGET);
    expect(await storedData(user)).toEqual(before);
    expect((await requestJson(running.baseUrl, 'GET', '/me', undefined, user.token)).status).toBe(401);
  });

  it('forges no nickname, even holding a genuine rawData and signature, and is cut off within the budget', async () => {
    const user = await userWithData(running);
    const before = await storedData(user);
    const { rawData, signature } = await emulator.userProfile(user.douyinUserId);
    const attacker = new PaddingOracleAttacker(askThrough(running, '/me/profile', user.token, { rawData, signature }));

    await expect(attacker.forge(Buffer.from(forgedProfile()))).rejects.toBeInstanceOf(AttackStopped);

    expect(attacker.queries).toBeLessThanOrEqual(BUDGET);
    expect(await storedData(user)).toEqual(before);
  });

  it('without a budget in its way, still finds no oracle: the answers alone give it nothing', async () => {
    const user = await userWithData(unlimited);
    const before = await storedData(user);
    const { rawData, signature } = await emulator.userProfile(user.douyinUserId);

    const onPhone = new PaddingOracleAttacker(askThrough(unlimited, '/me/phone', user.token));
    await expect(onPhone.forge(Buffer.from(forgedPhone()))).rejects.toBeInstanceOf(NoOracle);
    const onProfile = new PaddingOracleAttacker(askThrough(unlimited, '/me/profile', user.token, { rawData, signature }));
    await expect(onProfile.forge(Buffer.from(forgedProfile()))).rejects.toBeInstanceOf(NoOracle);

    expect(await storedData(user)).toEqual(before);
  }, 120_000);
});
