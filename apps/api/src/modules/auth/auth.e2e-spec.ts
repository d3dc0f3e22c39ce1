import { ZErrorEnvelope, ZLoginResponse, ZUser } from '@douyin-kit/contracts';
import { postJson, requestJson, sql } from '../../../test/api-user.js';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

const post = (path: string, body: unknown, token?: string) => postJson(running.baseUrl, path, body, token);
const get = (path: string, token?: string) => requestJson(running.baseUrl, 'GET', path, undefined, token);

describe('POST /auth/login', () => {
  it('logs in with a code: a real user, an opaque token stored only as a hash, an encrypted session_key', async () => {
    const douyinUser = await emulator.createUser();
    const { code, anonymousCode } = await emulator.login(douyinUser.id);

    const { status, body } = await post('/auth/login', { code });

    expect(status).toBe(200);
    const login = ZLoginResponse.parse(body);
    expect(login.user.isAnonymous).toBe(false);
    expect(login.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toMatch(/session_?key/i);
    const [row] = await sql<{ open_id: string; token_hash: Buffer; session_key_encrypted: Buffer; session_key_key_id: string }>(
      `SELECT u.open_id, s.token_hash, s.session_key_encrypted, s.session_key_key_id
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.id = $1`,
      [login.user.id],
    );
    expect(row!.open_id).toBe(douyinUser.openid);
    expect(row!.token_hash.toString('base64url')).not.toBe(login.token);
    expect(row!.session_key_encrypted.length).toBeGreaterThan(28);
    expect(row!.session_key_key_id).toBe('v2:dev1');
    expect(anonymousCode).toBeTruthy();

    const me = await get('/me', login.token);
    expect(me.status).toBe(200);
    expect(ZUser.parse(me.body).id).toBe(login.user.id);
  });

  it('gives each login of a user the next key generation and stores the expiry it answers', async () => {
    const douyinUser = await emulator.createUser();
    const logins = [];
    for (let i = 0; i < 2; i++) {
      const { code } = await emulator.login(douyinUser.id);
      logins.push(ZLoginResponse.parse((await post('/auth/login', { code })).body));
    }
    const rows = await sql<{ key_generation: number; expires_at: Date }>(
      'SELECT key_generation, expires_at FROM sessions WHERE user_id = $1 ORDER BY key_generation',
      [logins[0]!.user.id],
    );
    expect(rows.map((row) => row.key_generation)).toEqual([1, 2]);
    expect(rows.map((row) => row.expires_at.toISOString())).toEqual(logins.map((login) => login.expiresAt));
  });

  it("a returning user's login stores a session usable with its key; a changed unionid is still recorded", async () => {
    const douyinUser = await emulator.createUser({ nickname: 'Returning' });
    const first = ZLoginResponse.parse((await post('/auth/login', { code: (await emulator.login(douyinUser.id)).code })).body);
    // As if the first login had come without a unionid: the next one must record it (the
    // transaction path), and the one after changes nothing (the returning-user path).
    await sql('UPDATE users SET union_id = NULL WHERE id = $1', [first.user.id]);
    const second = ZLoginResponse.parse((await post('/auth/login', { code: (await emulator.login(douyinUser.id)).code })).body);
    const third = ZLoginResponse.parse((await post('/auth/login', { code: (await emulator.login(douyinUser.id)).code })).body);
    expect([second.user, third.user]).toEqual([first.user, first.user]);
    const [user] = await sql<{ union_id: string | null }>('SELECT union_id FROM users WHERE id = $1', [first.user.id]);
    expect(user!.union_id).toBe(douyinUser.unionid);
    const sessions = await sql<{ key_generation: number; session_key_encrypted: Buffer | null }>(
      'SELECT key_generation, session_key_encrypted FROM sessions WHERE user_id = $1 ORDER BY key_generation',
      [first.user.id],
    );
    expect(sessions.map((row) => row.key_generation)).toEqual([1, 2, 3]);
    expect(sessions.every((row) => row.session_key_encrypted !== null)).toBe(true);
    expect(ZUser.parse((await get('/me', third.token)).body).id).toBe(first.user.id);
  });

  it('logs in a user who is not logged in to the host app with the anonymous code only', async () => {
    const douyinUser = await emulator.createUser({ loggedIn: false });
    const { code, anonymousCode } = await emulator.login(douyinUser.id);
    expect(code).toBeUndefined();

    const login = ZLoginResponse.parse((await post('/auth/login', { anonymousCode })).body);
    expect(login.user.isAnonymous).toBe(true);
    const again = ZLoginResponse.parse((await post('/auth/login', { anonymousCode: (await emulator.login(douyinUser.id)).anonymousCode })).body);
    expect(again.user.id).toBe(login.user.id);
  });

  it('upgrades the anonymous user in place when the real user is new', async () => {
    const deviceId = `device-${crypto.randomUUID()}`;
    const visitor = await emulator.createUser({ loggedIn: false });
    const anonymous = ZLoginResponse.parse(
      (await post('/auth/login', { anonymousCode: (await emulator.login(visitor.id, deviceId)).anonymousCode })).body,
    );

    const douyinUser = await emulator.createUser();
    const codes = await emulator.login(douyinUser.id, deviceId);
    const real = ZLoginResponse.parse((await post('/auth/login', { code: codes.code, anonymousCode: codes.anonymousCode })).body);

    expect(real.user).toMatchObject({ id: anonymous.user.id, isAnonymous: false });
  });

  it('merges the anonymous user into an existing real one in one transaction, moving its data', async () => {
    const douyinUser = await emulator.createUser();
    const real = ZLoginResponse.parse((await post('/auth/login', { code: (await emulator.login(douyinUser.id)).code })).body);
    // Someone not logged in to the host app uses another device and saves an address there.
    const deviceId = `device-${crypto.randomUUID()}`;
    const visitor = await emulator.createUser({ loggedIn: false });
    const anonymous = ZLoginResponse.parse(
      (await post('/auth/login', { anonymousCode: (await emulator.login(visitor.id, deviceId)).anonymousCode })).body,
    );
    const fingerprint = `fp-${crypto.randomUUID()}`;
    await sql(
      `INSERT INTO addresses (user_id, fingerprint, user_name, tel_number, province_name, city_name, county_name, detail_info)
       VALUES ($1, $2, '张三', '13800000000', '浙江省', '杭州市', '西湖区', '文三路 1 号')`,
      [anonymous.user.id, fingerprint],
    );

    await sql(
      `INSERT INTO subscription_consent_events (user_id, template_id, status, kind, decided_at)
       VALUES ($1, 'TPL_MERGE', 'accept', 'one_time', now())`,
      [anonymous.user.id],
    );

    // The real user logs in on that device: tt.login returns both codes. Douyin (and the
    // emulator) answers anonymous_openid "" to a call carrying both, so the API makes two calls.
    const codes = await emulator.login(douyinUser.id, deviceId);
    const combined = await emulator.client.countCalls('jscode2session', { code: codes.code!, anonymous_code: codes.anonymousCode });
    const anonymousOnly = await emulator.client.countCalls('jscode2session', { anonymous_code: codes.anonymousCode });
    const codeCalls = await emulator.client.countCalls('jscode2session', { code: codes.code! });
    const merged = ZLoginResponse.parse((await post('/auth/login', { code: codes.code, anonymousCode: codes.anonymousCode })).body);
    expect([await combined.count(), await anonymousOnly.count(), await codeCalls.count()]).toEqual([0, 1, 1]);
    await Promise.all([combined, anonymousOnly, codeCalls].map((counter) => counter.remove()));

    expect(merged.user).toMatchObject({ id: real.user.id, isAnonymous: false });
    expect(await sql('SELECT id FROM users WHERE id = $1', [anonymous.user.id])).toEqual([]);
    expect(await sql('SELECT user_id FROM addresses WHERE fingerprint = $1', [fingerprint])).toEqual([{ user_id: real.user.id }]);
    expect(
      await sql("SELECT user_id FROM subscription_consent_events WHERE template_id = 'TPL_MERGE' AND user_id = $1", [real.user.id]),
    ).toHaveLength(1);
    // The anonymous session ends with its user (session-lifetime.e2e-spec.ts); the device's
    // anonymous id is not kept on the real user.
    expect((await get('/me', anonymous.token)).status).toBe(401);
    expect(await sql('SELECT anonymous_open_id FROM users WHERE id = $1', [real.user.id])).toEqual([{ anonymous_open_id: null }]);
  });

  it('logs the real user in without a merge when only the anonymous code fails; a later login merges', async () => {
    const douyinUser = await emulator.createUser();
    const real = ZLoginResponse.parse((await post('/auth/login', { code: (await emulator.login(douyinUser.id)).code })).body);
    const deviceId = `device-${crypto.randomUUID()}`;
    const visitor = await emulator.createUser({ loggedIn: false });
    const anonymous = ZLoginResponse.parse(
      (await post('/auth/login', { anonymousCode: (await emulator.login(visitor.id, deviceId)).anonymousCode })).body,
    );

    // Douyin refuses the anonymous code (40019), or is busy for that call only.
    for (const rule of [{ errNo: 40019 }, { errNo: -1 }]) {
      const codes = await emulator.login(douyinUser.id, deviceId);
      const remove = await emulator.fault({ operation: 'jscode2session', match: { anonymous_code: codes.anonymousCode }, ...rule });
      const response = await post('/auth/login', { code: codes.code, anonymousCode: codes.anonymousCode }).finally(remove);
      expect(response.status).toBe(200);
      expect(ZLoginResponse.parse(response.body).user).toMatchObject({ id: real.user.id, isAnonymous: false });
      expect(await sql('SELECT id FROM users WHERE id = $1', [anonymous.user.id])).toEqual([{ id: anonymous.user.id }]);
      expect((await get('/me', anonymous.token)).status).toBe(200);
    }

    const codes = await emulator.login(douyinUser.id, deviceId);
    expect((await post('/auth/login', { code: codes.code, anonymousCode: codes.anonymousCode })).status).toBe(200);
    expect(await sql('SELECT id FROM users WHERE id = $1', [anonymous.user.id])).toEqual([]);
    expect((await get('/me', anonymous.token)).status).toBe(401);
  });

  it('answers a duplicate concurrent request with the same session from one upstream call', async () => {
    const { code } = await emulator.login((await emulator.createUser()).id);
    // A slow upstream keeps the first request in flight while the second arrives.
    const removeLatency = await emulator.fault({ operation: 'jscode2session', match: { code: code! }, latencyMs: 300 });
    const before = (await emulator.calls()).jscode2session!;

    const [first, second] = await Promise.all([post('/auth/login', { code }), post('/auth/login', { code })]).finally(removeLatency);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect((await emulator.calls()).jscode2session).toBe(before + 1);
    const { user } = ZLoginResponse.parse(first.body);
    expect(await sql('SELECT id FROM sessions WHERE user_id = $1', [user.id])).toHaveLength(1);
  });

  it('answers the same code again, once the first request is answered, like Douyin: LOGIN_CODE_INVALID, no session', async () => {
    const { code } = await emulator.login((await emulator.createUser()).id);
    const first = await post('/auth/login', { code });
    expect(first.status).toBe(200);
    const { user } = ZLoginResponse.parse(first.body);
    const before = (await emulator.calls()).jscode2session!;

    const replayed = await post('/auth/login', { code });

    expect(replayed.status).toBe(400);
    expect(ZErrorEnvelope.parse(replayed.body).error.code).toBe('LOGIN_CODE_INVALID');
    expect(JSON.stringify(replayed.body)).not.toContain(ZLoginResponse.parse(first.body).token);
    expect((await emulator.calls()).jscode2session).toBe(before + 1);
    expect(await sql('SELECT id FROM sessions WHERE user_id = $1', [user.id])).toHaveLength(1);
  });

  it('refuses a used code with LOGIN_CODE_INVALID and a bad anonymous code with ANONYMOUS_CODE_INVALID', async () => {
    const { code } = await emulator.login((await emulator.createUser()).id);
    expect((await post('/auth/login', { code })).status).toBe(200);
    // A different request (another field set) reusing the consumed code reaches Douyin and fails:
    // the login code decides, whatever became of the anonymous one.
    const reused = await post('/auth/login', { code, anonymousCode: 'made-up' });
    expect(reused.status).toBe(400);
    expect(ZErrorEnvelope.parse(reused.body).error.code).toBe('LOGIN_CODE_INVALID');

    const anonymousOnly = await post('/auth/login', { anonymousCode: 'never-issued' });
    expect(anonymousOnly.status).toBe(400);
    expect(ZErrorEnvelope.parse(anonymousOnly.body).error.code).toBe('ANONYMOUS_CODE_INVALID');
  });

  it('answers 503 with retry advice when Douyin is busy or unreachable, and writes nothing', async () => {
    const douyinUser = await emulator.createUser();
    for (const rule of [{ errNo: -1 }, { drop: true }]) {
      const { code } = await emulator.login(douyinUser.id);
      const remove = await emulator.fault({ operation: 'jscode2session', match: { code: code! }, ...rule });
      try {
        const response = await post('/auth/login', { code });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(ZErrorEnvelope.parse(response.body).error).toMatchObject({
          code: 'UPSTREAM_UNAVAILABLE',
          details: { retryAfterSeconds: expect.any(Number) },
        });
      } finally {
        await remove();
      }
    }
    expect(await sql('SELECT id FROM users WHERE open_id = $1', [douyinUser.openid])).toEqual([]);
  });

  it('validates the body: neither code, unknown fields, wrong types, each issue said in English', async () => {
    const cases: [unknown, { path: string; message: string }][] = [
      [{}, { path: 'body.code', message: 'code or anonymousCode is required' }],
      [{ code: 42 }, { path: 'body.code', message: 'Invalid input: expected string, received number' }],
      [
        { code: 'c', sessionKey: 'x' },
        { path: 'body', message: 'Unrecognized key: "sessionKey"' },
      ],
    ];
    for (const [body, issue] of cases) {
      const response = await post('/auth/login', body);
      expect(response.status).toBe(400);
      const envelope = ZErrorEnvelope.parse(response.body);
      expect(envelope.error.code).toBe('VALIDATION_FAILED');
      expect((envelope.error.details as { issues: unknown[] }).issues).toEqual([issue]);
    }
  });
});

describe('sessions', () => {
  it('rejects missing, malformed and unknown tokens with UNAUTHENTICATED', async () => {
    for (const token of [undefined, 'not a token', 'A'.repeat(43)]) {
      const response = await get('/me', token);
      expect(response.status).toBe(401);
      expect(ZErrorEnvelope.parse(response.body).error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('POST /auth/logout revokes the session', async () => {
    const { code } = await emulator.login((await emulator.createUser()).id);
    const { token } = ZLoginResponse.parse((await post('/auth/login', { code })).body);
    expect((await post('/auth/logout', {}, token)).body).toEqual({ revoked: true });
    expect((await get('/me', token)).status).toBe(401);
  });

  it('refuses an expired session and a session whose user belongs to another app', async () => {
    const login = async () => {
      const { code } = await emulator.login((await emulator.createUser()).id);
      return ZLoginResponse.parse((await post('/auth/login', { code })).body);
    };
    const expired = await login();
    const otherApp = await login();
    expect((await get('/me', expired.token)).status).toBe(200);
    expect((await get('/me', otherApp.token)).status).toBe(200);

    await sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [expired.user.id]);
    // Deployments of two mini-programs may share a database: the other one's sessions are not ours.
    await sql(`UPDATE users SET app_id = 'tt_some_other_app' WHERE id = $1`, [otherApp.user.id]);

    for (const { token } of [expired, otherApp]) {
      const response = await get('/me', token);
      expect(response.status).toBe(401);
      expect(ZErrorEnvelope.parse(response.body).error.code).toBe('UNAUTHENTICATED');
    }
  });
});
