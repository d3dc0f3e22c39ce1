import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { inject } from 'vitest';
import { requestJson, signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { sealV1 } from '../../../test/sealed-v1.js';
import { sessionKeyField } from '../../modules/auth/sessions.repository.js';
import { AppConfig, parseEnv } from '../config/app-config.js';
import { phoneField } from '../../modules/phone/phone.repository.js';
import { SecretBox } from './secret-box.js';

// What someone who can write the database (not read the keys) gets from moving sealed values
// between rows: with v2 seals, nothing; v1 rows, written before, stay unbound until rewritten.
let running: RunningApp;
const others = extraApps();
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await others.closeAll();
  await running.close();
});

const runKey = () => new AppConfig(parseEnv(process.env)).encryption.dataKeys[0]!;

interface SessionRow {
  id: string;
  session_key_encrypted: Buffer;
  session_key_key_id: string;
}

async function sessionRow(user: ApiUser): Promise<SessionRow> {
  const [row] = await sql<SessionRow>('SELECT id, session_key_encrypted, session_key_key_id FROM sessions WHERE token_hash = $1', [
    createHash('sha256').update(user.token).digest(),
  ]);
  return row!;
}

async function setSealedSessionKey(sessionId: string, sealed: { blob: Buffer; keyId: string }): Promise<void> {
  await sql('UPDATE sessions SET session_key_encrypted = $2, session_key_key_id = $3 WHERE id = $1', [sessionId, sealed.blob, sealed.keyId]);
}

async function phoneOf(userId: string) {
  const [row] = await sql<{ phone_encrypted: Buffer | null; phone_key_id: string | null; phone_hash: Buffer | null }>(
    'SELECT phone_encrypted, phone_key_id, phone_hash FROM users WHERE id = $1',
    [userId],
  );
  return row!;
}

async function userWithPhone() {
  const purePhoneNumber = `13${randomInt(0, 1e9).toString().padStart(9, '0')}`;
  const user = await signUp(running, { phone: { countryCode: '86', purePhoneNumber } });
  return Object.assign(user, { e164: `+86${purePhoneNumber}`, purePhoneNumber });
}

/** A getPhoneNumber tap (old flow), made under the user's current Douyin session key. */
async function phoneTap(user: ApiUser) {
  const { encryptedData, iv } = await emulator.phoneNumber(user.douyinUserId, 'encrypted');
  return { encryptedData, iv };
}

async function logLinesOf(requestId: string): Promise<string[]> {
  const text = await readFile(inject('logCaptureFile'), 'utf8');
  return text.split('\n').filter((line) => line.includes(requestId));
}

describe('sealed values bound to their row', () => {
  it('refuses a session key copied from another session: a clean 401, the session revoked, a log line without secrets', async () => {
    const alice = await userWithPhone();
    const mallory = await userWithPhone();
    const aliceRow = await sessionRow(alice);
    const malloryRow = await sessionRow(mallory);
    expect(aliceRow.session_key_key_id).toMatch(/^v2:/);
    const aliceSessionKey = running.app
      .get(SecretBox)
      .open({ keyId: aliceRow.session_key_key_id, blob: aliceRow.session_key_encrypted }, sessionKeyField(aliceRow.id));
    // Alice's key in Mallory's session would let Mallory's token decrypt Alice's payloads
    // (here her phone number, which would then be stored on Mallory's account).
    await setSealedSessionKey(malloryRow.id, { blob: aliceRow.session_key_encrypted, keyId: aliceRow.session_key_key_id });
    const requestId = `sealed-copy-${randomUUID()}`;

    const response = await fetch(`${running.baseUrl}/me/phone`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mallory.token}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(await phoneTap(alice)),
    });

    expect(response.status).toBe(401);
    const body = (await response.json()) as unknown;
    expect(ZErrorEnvelope.parse(body).error).toMatchObject({ code: 'UNAUTHENTICATED', requestId, message: expect.stringMatching(/log in again/) });
    expect(JSON.stringify(body)).not.toContain(alice.purePhoneNumber.slice(-4));
    expect((await phoneOf(mallory.userId)).phone_encrypted).toBeNull();
    expect((await requestJson(running.baseUrl, 'GET', '/me', undefined, mallory.token)).status).toBe(401);

    const lines = await logLinesOf(requestId);
    const warning = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.context === 'SessionKeys');
    expect(warning).toMatchObject({ sessionId: malloryRow.id, keyId: aliceRow.session_key_key_id, reason: 'not_authentic' });
    expect(lines.some((line) => /"level":"error"|stack/i.test(line))).toBe(false);
    const logged = lines.join('\n');
    for (const secret of [
      aliceSessionKey.toString('utf8'),
      aliceRow.session_key_encrypted.toString('base64'),
      aliceRow.session_key_encrypted.toString('hex'),
    ]) {
      expect(logged).not.toContain(secret);
    }

    // Alice's own session is untouched, and Mallory's next login works again.
    expect((await alice.post('/me/phone', await phoneTap(alice))).status).toBe(200);
    const { code } = await mallory.tt.login();
    const login = await requestJson(running.baseUrl, 'POST', '/auth/login', { code });
    expect(login.status).toBe(200);
    expect((await requestJson(running.baseUrl, 'GET', '/me', undefined, (login.body as { token: string }).token)).status).toBe(200);
  });

  it('still opens a session key sealed before v2 (v1, unbound), so existing sessions keep working', async () => {
    const carol = await userWithPhone();
    const row = await sessionRow(carol);
    const sessionKey = running.app.get(SecretBox).open({ keyId: row.session_key_key_id, blob: row.session_key_encrypted }, sessionKeyField(row.id));
    await setSealedSessionKey(row.id, sealV1(runKey(), sessionKey.toString('utf8')));

    const response = await carol.post('/me/phone', await phoneTap(carol));

    expect(response.status).toBe(200);
    expect((await phoneOf(carol.userId)).phone_key_id).toBe(`v2:${runKey().id}`);
  });

  it('shows why every write seals v2: a v1 value is unbound, so moved into another row it still opens', async () => {
    // The control for the first test: the same move with the old format is the attack that works.
    const alice = await userWithPhone();
    const mallory = await userWithPhone();
    const aliceRow = await sessionRow(alice);
    const aliceKey = running.app
      .get(SecretBox)
      .open({ keyId: aliceRow.session_key_key_id, blob: aliceRow.session_key_encrypted }, sessionKeyField(aliceRow.id));
    await setSealedSessionKey((await sessionRow(mallory)).id, sealV1(runKey(), aliceKey.toString('utf8')));

    const response = await mallory.post('/me/phone', await phoneTap(alice));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ phoneMasked: `${alice.purePhoneNumber.slice(0, 3)}****${alice.purePhoneNumber.slice(-4)}` });
  });

  it("re-seals an old v1 phone number as v2, bound to the user's row, when the user next shares it", async () => {
    const dave = await userWithPhone();
    expect((await dave.post('/me/phone', await phoneTap(dave))).status).toBe(200);
    const old = sealV1(runKey(), dave.e164);
    await sql('UPDATE users SET phone_encrypted = $2, phone_key_id = $3 WHERE id = $1', [dave.userId, old.blob, old.keyId]);
    const box = running.app.get(SecretBox);
    expect(box.open({ keyId: old.keyId, blob: old.blob }, phoneField(dave.userId)).toString()).toBe(dave.e164);

    expect((await dave.post('/me/phone', await phoneTap(dave))).status).toBe(200);

    const row = await phoneOf(dave.userId);
    expect(row.phone_key_id).toBe(`v2:${runKey().id}`);
    const sealed = { keyId: row.phone_key_id!, blob: row.phone_encrypted! };
    expect(box.open(sealed, phoneField(dave.userId)).toString()).toBe(dave.e164);
    expect(() => box.open(sealed, phoneField(randomUUID()))).toThrow(/does not authenticate/);
  });

  it('answers 401, not 500, for a session whose key left the ring; a 32-character key id fits with its v2 prefix', async () => {
    const longId = `k${'0123456789abcdef'.repeat(2)}`.slice(0, 32);
    const rotated = await others.start({
      DATA_ENCRYPTION_KEYS: `${longId}:${randomBytes(32).toString('base64')},${runKey().id}:${runKey().key.toString('base64')}`,
    });
    const erin = await signUp(rotated, { phone: { countryCode: '86', purePhoneNumber: `13${randomInt(0, 1e9).toString().padStart(9, '0')}` } });
    const row = await sessionRow(erin);
    expect(row.session_key_key_id).toBe(`v2:${longId}`);
    expect((await erin.post('/me/phone', await phoneTap(erin))).status).toBe(200);
    expect((await phoneOf(erin.userId)).phone_key_id).toBe(`v2:${longId}`);

    // The main app never had that key: as after dropping a key too early.
    const response = await requestJson(running.baseUrl, 'POST', '/me/phone', await phoneTap(erin), erin.token);
    expect(response.status).toBe(401);
    expect(ZErrorEnvelope.parse(response.body).error.code).toBe('UNAUTHENTICATED');
  });
});
