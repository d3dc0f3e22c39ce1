import { Client } from 'pg';
import { inject } from 'vitest';
import { ZErrorEnvelope, ZLoginResponse } from '@douyin-kit/contracts';
import { sql } from '../../../test/api-user.js';
import { spawnApi, type ApiProcess } from '../../../test/api-process.js';
import { extraApps } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { ADMIN_KEY } from '../../../test/notify-fixtures.js';
import { faultFired, grantConsent, ownEmulatorApp, until, type OwnApp, type OwnTemplate } from '../../../test/own-app.js';
import { rawRequest } from '../../../test/raw-http.js';

/**
 * SIGTERM to the real API process (in-process notification workers) in the middle of slow
 * logins, slow sends and an admin request held up in the database. Everything already in
 * flight must finish with its real answer, nothing new may start, no message may be left
 * `sending`, and the process must exit 0 well within SHUTDOWN_TIMEOUT_SECONDS.
 */
const UPSTREAM_LATENCY_MS = 1500;

const apps = extraApps();
let own: OwnApp | undefined;
let api: ApiProcess | undefined;
let lock: Client | undefined;
afterAll(async () => {
  api?.child.kill('SIGKILL');
  await lock?.end().catch(() => undefined);
  await own?.removeFaults();
  await apps.closeAll();
});

async function statuses(ids: string[]): Promise<Record<string, string>> {
  const rows = await sql<{ id: string; status: string }>('SELECT id, status FROM notifications WHERE id = ANY($1::uuid[])', [ids]);
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

const count = (values: Record<string, string>, status: string) => Object.values(values).filter((s) => s === status).length;

it('drains in-flight requests and sends on SIGTERM, refuses new work, and exits 0', { timeout: 60_000 }, async () => {
  own = await ownEmulatorApp({ news: { kind: 'long_term', api: 'v1' }, order: { kind: 'one_time', api: 'v1' } });
  const { news, order } = own.templates as Record<'news' | 'order', OwnTemplate>;
  const env = {
    ...own.env,
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    NOTIFY_WORKERS_IN_PROCESS: 'true',
    NOTIFY_WORKER_CONCURRENCY: '4',
    SHUTDOWN_TIMEOUT_SECONDS: '10',
  };
  api = await spawnApi(env);
  const { baseUrl } = api;

  const loginCode = async () => (await (await own!.newUser()).tt.login()).code!;
  async function subscribedUser(template: OwnTemplate) {
    const douyin = await own!.newUser();
    await douyin.tt.requestSubscribeMessage({ tmplIds: [template.templateId] });
    const login = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: (await douyin.tt.login()).code }),
    });
    const { user } = ZLoginResponse.parse(await login.json());
    await grantConsent(user.id, template);
    return { userId: user.id, openId: douyin.openid };
  }
  let n = 0;
  const message = (userId: string, template: OwnTemplate) => ({
    user: { id: userId },
    templateId: template.templateId,
    data: { 物品名称: `item ${n}` },
    idempotencyKey: `${own!.appid}-${n++}`,
  });

  const recipients = await Promise.all(Array.from({ length: 8 }, () => subscribedUser(news)));
  const held = await subscribedUser(order);
  const codes = await Promise.all(Array.from({ length: 10 }, loginCode));

  // Douyin turns slow for this app only: logins and sends take UPSTREAM_LATENCY_MS each.
  const slowLogin = await own.fault({ operation: 'jscode2session', appIdField: 'appid', latencyMs: UPSTREAM_LATENCY_MS });
  await own.fault({ operation: 'notify_v1', appIdField: 'app_id', latencyMs: UPSTREAM_LATENCY_MS });

  // Queued messages: the 4 workers take 4 at once, the rest wait in the queue.
  const ids: string[] = [];
  for (const { userId } of recipients) {
    const queued = await fetch(`${baseUrl}/admin/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify(message(userId, news)),
    });
    expect(queued.status).toBe(201);
    ids.push(((await queued.json()) as { id: string }).id);
  }
  await until(
    () => statuses(ids),
    (s) => count(s, 'sending') === 4,
    10_000,
    '4 sends in flight',
  );

  // An admin request held up in the database (its consent row locked) until after SIGTERM:
  // it reaches the queue while the queue is already stopping.
  lock = new Client({ connectionString: inject('databaseUrl') });
  await lock.connect();
  await lock.query('BEGIN');
  await lock.query('SELECT 1 FROM subscription_consents WHERE user_id = $1::uuid FOR UPDATE', [held.userId]);
  const heldSend = rawRequest(baseUrl, 'POST', '/admin/notifications', message(held.userId, order), { 'x-admin-key': ADMIN_KEY });
  // From another connection: inside a transaction, pg_stat_activity is one frozen snapshot.
  const waiting = async () =>
    (
      await sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%subscription_consents%'",
      )
    )[0]!.n;
  await until(waiting, (waiters) => waiters >= 1, 5000, 'the admin request to wait on the lock');

  // Slow logins, each on its own connection, all inside the API waiting for Douyin.
  const logins = codes.map((code) => rawRequest(baseUrl, 'POST', '/auth/login', { code }));
  await until(
    () => faultFired(slowLogin),
    (fired) => fired >= 10,
    10_000,
    'the logins to reach Douyin',
  );

  const sendingAtSigterm = await statuses(ids);
  expect(count(sendingAtSigterm, 'sending')).toBeGreaterThan(0);
  const sigtermAt = Date.now();
  api.child.kill('SIGTERM');

  // Shutdown has begun: a new connection is refused, or answered 503 NOT_READY.
  await new Promise((r) => setTimeout(r, 300));
  const late = await rawRequest(baseUrl, 'GET', '/health');
  if ('error' in late) {
    expect(late.error).toBe('ECONNREFUSED');
  } else {
    expect([late.status, ZErrorEnvelope.parse(late.body).error.code]).toEqual([503, 'NOT_READY']);
  }
  await lock.query('ROLLBACK');

  // Every request that was in flight got its real answer.
  for (const answer of await Promise.all(logins)) {
    expect(answer).toMatchObject({ status: 200 });
    expect(ZLoginResponse.safeParse((answer as { body: unknown }).body).success).toBe(true);
  }
  const heldAnswer = await heldSend;
  expect(heldAnswer).toMatchObject({ status: 201, body: { status: 'queued' } });
  ids.push((heldAnswer as { body: { id: string } }).body.id);

  const exit = await api.exited;
  expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  expect(exit.at - sigtermAt).toBeLessThan(UPSTREAM_LATENCY_MS + 4000);

  // The sends in flight finished; nothing is left `sending`; the rest is still queued.
  const after = await statuses(ids);
  for (const [id, status] of Object.entries(sendingAtSigterm)) if (status === 'sending') expect([id, after[id]]).toEqual([id, 'sent']);
  expect(count(after, 'sending')).toBe(0);
  expect(count(after, 'sent') + count(after, 'queued')).toBe(ids.length);

  // Another instance of the app sends what was left, each message exactly once.
  await own.removeFaults();
  const next = await apps.start({ ...env, LOG_LEVEL: 'error' });
  await until(
    () => statuses(ids),
    (s) => count(s, 'sent') === ids.length,
    15_000,
    'every message sent',
  );
  for (const { openId } of [...recipients, held]) {
    expect(await emulator.client.inbox({ appid: own.appid, openid: openId })).toHaveLength(1);
  }
  // The sessions the draining process opened work on the next instance.
  const token = ((await logins[0]!) as { body: { token: string } }).body.token;
  expect((await fetch(`${next.baseUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
});
