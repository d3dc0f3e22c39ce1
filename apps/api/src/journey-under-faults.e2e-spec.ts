import { randomInt, randomUUID } from 'node:crypto';
import { ERROR_CODES, ZErrorEnvelope, ZLoginResponse, type TErrorCode } from '@douyin-kit/contracts';
import { requestJson, sql, type ApiResponse } from '../test/api-user.js';
import { startApp, type RunningApp } from '../test/create-app.js';
import { emulator } from '../test/emulator.js';
import { admin } from '../test/notify-fixtures.js';
import { ownEmulatorApp, until, type FaultRule, type OwnApp, type OwnTemplate } from '../test/own-app.js';

/**
 * Many users through the whole mini-program journey while Douyin misbehaves for this test's own
 * app: every platform call is slower, 20 % of them answer the operation's documented busy /
 * system-error envelope and a further 10 % lose their connection (≈30 % failing). Every answer
 * must be a success or a clear error with a stable code (502/503 where Douyin was involved),
 * never a 500 or a hang; afterwards no table may hold a half-written record.
 */
const USERS = 12;
const PARALLEL = 6;
const ATTEMPTS = 8;
/** Where Douyin is called: the only steps allowed to fail, and only like this. */
const UPSTREAM_CODES: readonly TErrorCode[] = ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR'];

let own: OwnApp;
let running: RunningApp;
beforeAll(async () => {
  own = await ownEmulatorApp({ order: { kind: 'one_time', api: 'v2' }, news: { kind: 'long_term', api: 'v1' } });
  running = await startApp({
    ...own.env,
    NOTIFY_WORKERS_IN_PROCESS: 'true',
    NOTIFY_RETRY_DELAY_SECONDS: '1',
    NOTIFY_RETRY_LIMIT: '2',
    NOTIFY_WORKER_CONCURRENCY: '8',
  });
});
afterAll(async () => {
  await own?.removeFaults();
  await running?.close();
});

/** Slow always, a documented error 20 % of the time, a dropped connection 10 % of the time. */
async function misbehave(scope: Parameters<OwnApp['fault']>[0], errNo: number) {
  const rules: Omit<FaultRule, 'operation'>[] = [
    { latencyMs: 60 },
    { errNo, probability: 0.2, seed: randomInt(1e9) },
    { drop: true, probability: 0.125, seed: randomInt(1e9) },
  ];
  for (const rule of rules) await own.fault({ ...scope, ...rule });
}

type Outcome = { step: string; status: number; code?: TErrorCode };
const outcomes: Outcome[] = [];

/** One API call of the journey: a success, or an error answer the contracts allow for this step. */
async function call(step: string, upstream: boolean, method: 'GET' | 'POST', path: string, body: unknown, token?: string): Promise<ApiResponse> {
  const response = await Promise.race([
    requestJson(running.baseUrl, method, path, body, token),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${step}: no answer within 15 s`)), 15_000).unref()),
  ]);
  if (response.status < 300) {
    outcomes.push({ step, status: response.status });
    return response;
  }
  const { error } = ZErrorEnvelope.parse(response.body);
  outcomes.push({ step, status: response.status, code: error.code });
  expect(ERROR_CODES[error.code], `${step}: status of ${error.code}`).toBe(response.status);
  expect(upstream && UPSTREAM_CODES.includes(error.code), `${step} answered ${response.status} ${error.code}: ${error.message}`).toBe(true);
  expect(error.requestId).toBe(response.headers.get('x-request-id'));
  return response;
}

/** Like the mini-program: on a failure that says "retry", try again with a fresh tt call. */
async function retrying(attempt: () => Promise<ApiResponse>): Promise<ApiResponse | undefined> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const response = await attempt();
    if (response.status < 300) return response;
  }
  return undefined;
}

interface Journey {
  userId?: string;
  openId: string;
  notifications: string[];
}

async function journey(n: number, order: OwnTemplate, news: OwnTemplate): Promise<Journey> {
  const douyin = await own.newUser({ phone: { countryCode: '86', purePhoneNumber: `13${randomInt(1e9).toString().padStart(9, '0')}` } });
  const { tt } = douyin;
  const result: Journey = { openId: douyin.openid, notifications: [] };

  const login = await retrying(async () => call('login', true, 'POST', '/auth/login', { code: (await tt.login()).code }));
  if (!login) return result;
  const { token, user } = ZLoginResponse.parse(login.body);
  result.userId = user.id;
  const me = (step: string, method: 'GET' | 'POST', path: string, body?: unknown) => call(step, false, method, path, body, token);

  const { userInfo: _shown, errMsg: _ok, ...profile } = await tt.getUserProfile();
  expect((await me('profile', 'POST', '/me/profile', profile)).status).toBe(200);
  const { errMsg: _e, ...encrypted } = await tt.emulator.phoneNumberEvent('encrypted');
  expect((await me('phone (encryptedData)', 'POST', '/me/phone', encrypted)).status).toBe(200);
  await retrying(async () => {
    const { code } = (await tt.emulator.phoneNumberEvent('code')) as { code: string };
    // get_phonenumber_info carries only the code: the faults are scoped by it.
    await misbehave({ operation: 'get_phonenumber_info', match: { code } }, 28001005);
    return call('phone (code)', true, 'POST', '/me/phone', { code }, token);
  });
  // As the mini-program does: the tt results as they are.
  expect((await me('device', 'POST', '/me/devices', await tt.getSystemInfo())).status).toBe(200);
  expect((await me('address', 'POST', '/me/addresses', await tt.chooseAddress())).status).toBe(200);
  expect((await me('location', 'POST', '/me/location', await tt.getLocation({ type: 'gcj02' }))).status).toBe(200);
  for (const template of [order, news]) {
    const consent = await tt.requestSubscribeMessage({ tmplIds: [template.templateId] });
    expect(
      (await me('subscribe', 'POST', '/me/subscriptions', { requestId: randomUUID(), templateIds: [template.templateId], result: consent })).status,
    ).toBe(200);
  }
  for (const template of [order, news]) {
    const queued = await admin(running, 'POST', '/admin/notifications', {
      user: { id: user.id },
      templateId: template.templateId,
      data: { 物品名称: `item ${n}` },
      idempotencyKey: `journey-${own.appid}-${n}-${template.kind}`,
    });
    outcomes.push({ step: 'admin send', status: queued.status });
    expect(queued.status).toBe(201);
    result.notifications.push(queued.body.id);
  }
  return result;
}

it('keeps every answer clear and every table consistent while Douyin fails 30 % of the time', { timeout: 60_000 }, async () => {
  const { order, news } = own.templates as Record<'order' | 'news', OwnTemplate>;
  await misbehave({ operation: 'jscode2session', appIdField: 'appid' }, -1);
  await misbehave({ operation: 'token', appIdField: 'appid' }, -1);
  // The oauth family documents no busy code: its rate-limit answer is the transient one.
  await misbehave({ operation: 'client_token', appIdField: 'client_key' }, 10020);
  await misbehave({ operation: 'notify_v1', appIdField: 'app_id' }, 2000);
  // notify_v2 carries no appid; its template id is this test's own.
  await misbehave({ operation: 'notify_v2', match: { msg_id: order.templateId } }, 28001005);

  const journeys: Journey[] = [];
  for (let start = 0; start < USERS; start += PARALLEL) {
    journeys.push(...(await Promise.all(Array.from({ length: Math.min(PARALLEL, USERS - start) }, (_, i) => journey(start + i, order, news)))));
  }
  const upstreamFailures = outcomes.filter((o) => o.status >= 500).length;
  expect(upstreamFailures, 'the faults fired').toBeGreaterThan(0);
  const done = journeys.filter((j) => j.notifications.length === 2);
  expect(done.length).toBeGreaterThanOrEqual(USERS / 2);

  // Every message leaves queued/sending: sent, or settled for good with its error.
  const ids = done.flatMap((j) => j.notifications);
  const final = await until(
    () =>
      sql<{ id: string; user_id: string; template_id: string; status: string; credit_reserved: boolean; last_error_code: string | null }>(
        'SELECT id, user_id, template_id, status, credit_reserved, last_error_code FROM notifications WHERE id = ANY($1::uuid[])',
        [ids],
      ),
    (rows) => rows.length === ids.length && rows.every((r) => !['queued', 'sending'].includes(r.status)),
    30_000,
    'every notification to settle',
  );
  await own.removeFaults();

  await expectNoHalfWrittenRows(own.appid, journeys, final);
});

/**
 * "Half-written", table by table, from what each write path promises:
 * - users/sessions: a login writes the user and its session in one transaction after Douyin
 *   answered, so every user has a session, and there is exactly one session per 200 login;
 * - phone: the five phone columns are written together (all set or all null);
 * - consents: every ledger event has its current state, and every state came from an event;
 * - notifications: each has its pg-boss job (same transaction); none is left queued/sending
 *   or holding a reserved credit; a one-time credit is spent exactly by what was (or may have
 *   been) delivered; Douyin's inbox holds exactly the messages marked sent.
 */
async function expectNoHalfWrittenRows(
  appId: string,
  journeys: Journey[],
  final: { id: string; user_id: string; template_id: string; status: string; credit_reserved: boolean; last_error_code: string | null }[],
) {
  const users = await sql<{ id: string; sessions: number; phone_set: number }>(
    `SELECT u.id, (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id) AS sessions,
            (num_nonnulls(u.phone_encrypted, u.phone_key_id, u.phone_hash, u.phone_masked, u.phone_country_code, u.phone_updated_at)) AS phone_set
     FROM users u WHERE u.app_id = $1`,
    [appId],
  );
  const loggedIn = journeys.filter((j) => j.userId);
  expect(users.map((u) => u.id).sort()).toEqual(loggedIn.map((j) => j.userId).sort());
  expect(users.filter((u) => u.sessions === 0)).toEqual([]);
  expect(users.reduce((sum, u) => sum + u.sessions, 0)).toBe(outcomes.filter((o) => o.step === 'login' && o.status === 200).length);
  expect(users.filter((u) => u.phone_set !== 0 && u.phone_set !== 6)).toEqual([]);

  const [orphans] = await sql<{ events_without_state: number; states_without_event: number; notifications_without_job: number }>(
    `SELECT
       (SELECT count(*)::int FROM subscription_consent_events e JOIN users u ON u.id = e.user_id WHERE u.app_id = $1
          AND NOT EXISTS (SELECT 1 FROM subscription_consents c WHERE c.user_id = e.user_id AND c.template_id = e.template_id)) AS events_without_state,
       (SELECT count(*)::int FROM subscription_consents c JOIN users u ON u.id = c.user_id WHERE u.app_id = $1
          AND NOT EXISTS (SELECT 1 FROM subscription_consent_events e WHERE e.user_id = c.user_id AND e.template_id = c.template_id)) AS states_without_event,
       (SELECT count(*)::int FROM notifications n WHERE n.app_id = $1
          AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.id = n.id)) AS notifications_without_job`,
    [appId],
  );
  expect(orphans).toEqual({ events_without_state: 0, states_without_event: 0, notifications_without_job: 0 });

  expect(final.filter((n) => n.credit_reserved)).toEqual([]);
  const credits = await sql<{ user_id: string; template_id: string; credits: number }>(
    `SELECT c.user_id, c.template_id, c.credits FROM subscription_consents c JOIN users u ON u.id = c.user_id WHERE u.app_id = $1 AND c.kind = 'one_time'`,
    [appId],
  );
  for (const consent of credits) {
    const spent = final.filter(
      (n) =>
        n.user_id === consent.user_id && n.template_id === consent.template_id && (n.status === 'sent' || n.last_error_code === 'OUTCOME_UNKNOWN'),
    ).length;
    expect({ consent: consent.user_id, credits: consent.credits }).toEqual({ consent: consent.user_id, credits: 1 - spent });
  }
  for (const j of loggedIn) {
    const sent = final.filter((n) => n.user_id === j.userId && n.status === 'sent').length;
    const inbox = await emulator.client.inbox({ appid: appId, openid: j.openId });
    expect({ user: j.userId, delivered: inbox.length }).toEqual({ user: j.userId, delivered: sent });
  }
}

it('retries a send whose token fetch lost its connection: the message itself never left', { timeout: 30_000 }, async () => {
  // A fresh app: no token stored yet, so the first send of each API fetches one.
  const fresh = await ownEmulatorApp({ news: { kind: 'long_term', api: 'v1' }, order: { kind: 'one_time', api: 'v2' } });
  const instance = await startApp({ ...fresh.env, NOTIFY_WORKERS_IN_PROCESS: 'true', NOTIFY_RETRY_DELAY_SECONDS: '1' });
  try {
    // One user per message: Douyin allows one message per second per user.
    const recipients = await Promise.all(
      Object.values(fresh.templates).map(async (template) => {
        const douyin = await fresh.newUser();
        const login = await requestJson(instance.baseUrl, 'POST', '/auth/login', { code: (await douyin.tt.login()).code });
        const { token, user } = ZLoginResponse.parse(login.body);
        const consent = await douyin.tt.requestSubscribeMessage({ tmplIds: [template.templateId] });
        expect(
          (
            await requestJson(
              instance.baseUrl,
              'POST',
              '/me/subscriptions',
              { requestId: randomUUID(), templateIds: [template.templateId], result: consent },
              token,
            )
          ).status,
        ).toBe(200);
        return { template, userId: user.id, openId: douyin.openid };
      }),
    );
    // The first fetch of each token loses its connection after the request went out.
    await fresh.fault({ operation: 'token', appIdField: 'appid', drop: true, times: 1 });
    await fresh.fault({ operation: 'client_token', appIdField: 'client_key', drop: true, times: 1 });
    const ids: string[] = [];
    for (const { template, userId } of recipients) {
      const queued = await admin(instance, 'POST', '/admin/notifications', {
        user: { id: userId },
        templateId: template.templateId,
        data: { 物品名称: 'x' },
        idempotencyKey: `token-drop-${template.templateId}`,
      });
      expect(queued.status).toBe(201);
      ids.push(queued.body.id);
    }
    const rows = () =>
      sql<{ status: string; attempts: number; last_error_code: string | null }>(
        'SELECT status, attempts, last_error_code FROM notifications WHERE id = ANY($1::uuid[])',
        [ids],
      );
    const settled = await until(rows, (all) => all.every((r) => !['queued', 'sending'].includes(r.status)), 15_000, 'both messages to settle');
    expect(settled).toEqual([
      { status: 'sent', attempts: 2, last_error_code: 'transport_network' },
      { status: 'sent', attempts: 2, last_error_code: 'transport_network' },
    ]);
    for (const { openId } of recipients) {
      expect(await emulator.client.inbox({ appid: fresh.appid, openid: openId })).toHaveLength(1);
    }
  } finally {
    await fresh.removeFaults();
    await instance.close();
  }
});
