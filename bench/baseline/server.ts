/**
 * The bench's yardstick: the least code that does what the API's POST /auth/login and GET /me
 * do, on bare Fastify + pg. Same emulator, same database server, same work per request:
 * - login: code2session (fetch, same host and endpoint as the API's client), a 256-bit token
 *   stored as its SHA-256, a session id chosen before the INSERT and the session_key sealed with
 *   AES-256-GCM bound to that row, the user found or created (by openid, taking over an anonymous
 *   user of the device like the API; the API's full merge of an anonymous user's rows into an
 *   existing user is left out: the bench never has one), and a session row with the next key
 *   generation whose statement also revokes the user's live sessions beyond the cap (10);
 * - /me: bearer token → SHA-256 → live session of this app (one join) → `last_used_at` written
 *   when older than 5 minutes → user.
 * What it leaves out is what the API adds on top: contracts, request ids, access logs, rate
 * limit, retry-safe logins, error mapping. That difference is what the bench measures.
 *
 * Env: BASELINE_DATABASE_URL, DOUYIN_APP_ID, DOUYIN_APP_SECRET, DOUYIN_APPS_BASE_URL,
 * DATA_ENCRYPTION_KEYS (`id:base64`, first key used). Prints `{"url": …}` once listening.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { exchangeLogin, type Code2SessionResult } from './code2session.js';
import { hashToken, newToken, sealer } from './crypto.js';

const env = process.env;
const appId = env.DOUYIN_APP_ID!;
const appsBaseUrl = env.DOUYIN_APPS_BASE_URL!;
const appSecret = env.DOUYIN_APP_SECRET!;
const seal = sealer(env.DATA_ENCRYPTION_KEYS!);
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
const SESSIONS_MAX_PER_USER = 10;
const LAST_USED_EVERY_MS = 5 * 60 * 1000;
// The pg driver's default pool size, which is also what the API's Prisma adapter gets.
const pool = new pg.Pool({ connectionString: env.BASELINE_DATABASE_URL, max: 10 });

/**
 * Every query runs as a named (server-side prepared) statement, as the API's hot reads and
 * session insert do: with PostgreSQL on the same two cores, a yardstick that re-parses each
 * statement is slower than it needs to be, and the API would look better than it is.
 */
const statementNames = new Map<string, string>();
function query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `baseline_${statementNames.size + 1}`));
  return pool.query<R>({ name, text, values });
}

interface UserRow {
  id: string;
  open_id: string | null;
  union_id: string | null;
  nickname: string | null;
  avatar_url: string | null;
  gender: number | null;
  country: string | null;
  province: string | null;
  city: string | null;
  phone_masked: string | null;
  created_at: Date;
}

const app = Fastify({ logger: false });

function fail(code: string, message: string) {
  return { error: { code, message } };
}

app.get('/health', () => ({ status: 'ok' }));

app.post('/auth/login', async (request, reply) => {
  const body = (request.body ?? {}) as { code?: unknown; anonymousCode?: unknown };
  const code = typeof body.code === 'string' && body.code ? body.code : undefined;
  const anonymousCode = typeof body.anonymousCode === 'string' && body.anonymousCode ? body.anonymousCode : undefined;
  if (!code && !anonymousCode) return reply.code(400).send(fail('VALIDATION_FAILED', 'code or anonymousCode is required'));

  const identity = await exchangeLogin(appsBaseUrl, { appId, appSecret, code, anonymousCode });
  if (identity.errNo !== 0)
    return reply.code(identity.errNo === 40018 || identity.errNo === 40019 ? 400 : 502).send(fail('LOGIN_CODE_INVALID', 'login failed'));
  const token = newToken();
  const sessionId = randomUUID();
  const sealed = identity.sessionKey ? seal(identity.sessionKey, { table: 'sessions', column: 'session_key_encrypted', rowId: sessionId }) : null;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const user = await findOrCreateUser(identity);
  await query(
    `WITH created AS (
       INSERT INTO sessions (id, user_id, token_hash, session_key_encrypted, session_key_key_id, key_generation, expires_at, user_agent)
       SELECT $1::uuid, $2::uuid, $3::bytea, $4::bytea, $5::varchar, coalesce(max(key_generation), 0) + 1, $6::timestamptz, $7::varchar
       FROM sessions WHERE user_id = $2::uuid)
     UPDATE sessions SET revoked_at = $8::timestamptz
     WHERE id IN (SELECT id FROM sessions WHERE user_id = $2::uuid AND revoked_at IS NULL AND expires_at > $8::timestamptz
                  ORDER BY created_at DESC, key_generation DESC OFFSET $9::int)`,
    [
      sessionId,
      user.id,
      hashToken(token),
      sealed?.blob ?? null,
      sealed?.keyId ?? null,
      expiresAt,
      request.headers['user-agent']?.slice(0, 512) ?? null,
      now,
      SESSIONS_MAX_PER_USER - 1,
    ],
  );
  return { token, expiresAt: expiresAt.toISOString(), user: toOutput(user) };
});

app.get('/me', async (request, reply) => {
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(request.headers.authorization ?? '');
  if (!match) return reply.code(401).send(fail('UNAUTHENTICATED', 'Send Authorization: Bearer <token>'));
  const now = new Date();
  const { rows: sessions } = await query<{ id: string; user_id: string; last_used_at: Date | null; app_id: string }>(
    `SELECT s.id, s.user_id, s.last_used_at, u.app_id FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
    [hashToken(match[1]!), now],
  );
  const session = sessions[0];
  if (!session || session.app_id !== appId) return reply.code(401).send(fail('UNAUTHENTICATED', 'Session is unknown, expired or revoked'));
  if (!session.last_used_at || now.getTime() - session.last_used_at.getTime() > LAST_USED_EVERY_MS) {
    const stale = new Date(now.getTime() - LAST_USED_EVERY_MS);
    await query('UPDATE sessions SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)', [session.id, now, stale]);
  }
  const { rows: users } = await query<UserRow>('SELECT * FROM users WHERE id = $1', [session.user_id]);
  if (!users[0]) return reply.code(401).send(fail('UNAUTHENTICATED', 'This session no longer has a user'));
  return toOutput(users[0]);
});

async function findOrCreateUser(identity: Code2SessionResult): Promise<UserRow> {
  const { openId, unionId, anonymousOpenId } = identity;
  if (!openId) {
    const { rows: anonymousUser } = await query<UserRow>(
      `INSERT INTO users (app_id, anonymous_open_id) VALUES ($1, $2)
       ON CONFLICT (app_id, anonymous_open_id) DO UPDATE SET app_id = EXCLUDED.app_id RETURNING *`,
      [appId, anonymousOpenId],
    );
    return anonymousUser[0]!;
  }
  const { rows } = await query<UserRow & { anonymous_open_id: string | null }>(
    'SELECT * FROM users WHERE app_id = $1 AND (open_id = $2 OR anonymous_open_id = $3)',
    [appId, openId, anonymousOpenId || null],
  );
  const real = rows.find((row) => row.open_id === openId);
  if (real) {
    if (!unionId || unionId === real.union_id) return real;
    return (await query<UserRow>('UPDATE users SET union_id = $2, updated_at = now() WHERE id = $1 RETURNING *', [real.id, unionId])).rows[0]!;
  }
  const anonymous = rows.find((row) => row.anonymous_open_id === anonymousOpenId);
  if (anonymous) {
    const { rows: updated } = await query<UserRow>(
      'UPDATE users SET open_id = $2, union_id = $3, anonymous_open_id = NULL, updated_at = now() WHERE id = $1 RETURNING *',
      [anonymous.id, openId, unionId || null],
    );
    return updated[0]!;
  }
  // Two first logins of one user racing: the loser's insert does nothing and it reads the winner's row.
  const { rows: inserted } = await query<UserRow>(
    'INSERT INTO users (app_id, open_id, union_id) VALUES ($1, $2, $3) ON CONFLICT (app_id, open_id) DO NOTHING RETURNING *',
    [appId, openId, unionId || null],
  );
  return inserted[0] ?? (await query<UserRow>('SELECT * FROM users WHERE app_id = $1 AND open_id = $2', [appId, openId])).rows[0]!;
}

function toOutput(user: UserRow) {
  return {
    id: user.id,
    isAnonymous: user.open_id === null,
    nickname: user.nickname,
    avatarUrl: user.avatar_url,
    gender: user.gender === 0 || user.gender === 1 || user.gender === 2 ? user.gender : null,
    country: user.country,
    province: user.province,
    city: user.city,
    phoneMasked: user.phone_masked,
    createdAt: user.created_at.toISOString(),
  };
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(JSON.stringify({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` }));

process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
