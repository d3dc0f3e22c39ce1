import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';
import { signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { emulator } from '../../../test/emulator.js';
import {
  admin,
  creditsOf,
  inbox,
  notifyCallCounter,
  openIdOf,
  registerTemplate,
  settled,
  subscribe,
  type TestTemplate,
} from '../../../test/notify-fixtures.js';

/** Workers in this app; retries fast so rate limits and busy answers resolve within a test. */
const WORKER_ENV = { NOTIFY_WORKERS_IN_PROCESS: 'true', NOTIFY_RETRY_DELAY_SECONDS: '1', NOTIFY_RETRY_LIMIT: '5', NOTIFY_JOB_EXPIRE_SECONDS: '30' };

let running: RunningApp;
const extra = extraApps();
beforeAll(async () => {
  running = await startApp(WORKER_ENV);
});
afterAll(async () => {
  await extra.closeAll();
  await running.close();
});

let seq = 0;
const key = () => `test-${Date.now()}-${seq++}`;
const DATA = { 物品名称: '耳机', 状态: '已发货' };

async function subscribedUser(template: TestTemplate, times = 1): Promise<{ user: ApiUser; openId: string }> {
  const user = await signUp(running);
  await subscribe(user, template, times);
  return { user, openId: await openIdOf(user) };
}

const send = (user: ApiUser, template: TestTemplate, extra: Record<string, unknown> = {}, app = running) =>
  admin(app, 'POST', '/admin/notifications', {
    user: { id: user.userId },
    templateId: template.templateId,
    data: DATA,
    idempotencyKey: key(),
    ...extra,
  });

describe('POST /admin/notifications', () => {
  it("sends each template's notify_type from the registry (v2), and none on v1", async () => {
    const alert = await registerTemplate('long_term', 'v2', undefined, [1, 2]);
    const legacy = await registerTemplate('long_term', 'v1');
    for (const [template, expected] of [
      [alert, { apiVersion: 'v2', notifyType: [1, 2] }],
      [legacy, { apiVersion: 'v1', notifyType: null }],
    ] as const) {
      const { user, openId } = await subscribedUser(template);
      const queued = await send(user, template);
      expect(await settled(running, queued.body.id)).toMatchObject({ status: 'sent' });
      expect(await inbox(openId)).toEqual([expect.objectContaining({ templateId: template.templateId, ...expected })]);
    }
  });

  it('delivers a one-time message, spends the credit, and refuses a second one before calling Douyin', async () => {
    const template = await registerTemplate('one_time', 'v2');
    const { user, openId } = await subscribedUser(template);
    const calls = await notifyCallCounter(openId);
    try {
      const queued = await send(user, template, { page: 'pages/order/index?id=42' });
      expect(queued.status).toBe(201);
      expect(queued.body).toMatchObject({ status: 'queued', attempts: 0, userId: user.userId, templateId: template.templateId });
      expect(await creditsOf(user, template)).toBe(0); // reserved at once

      const done = await settled(running, queued.body.id);
      expect(done).toMatchObject({ status: 'sent', attempts: 1, lastErrorCode: null });
      expect(done.sentAt).toEqual(expect.any(String));
      expect(done.lastLogId).toEqual(expect.any(String));
      const delivered = await inbox(openId);
      // notify_type from the registry: a v2 template defaults to the in-app inbox.
      expect(delivered).toEqual([expect.objectContaining({ templateId: template.templateId, data: DATA, apiVersion: 'v2', notifyType: [2] })]);
      const [row] = await sql<{ credit_reserved: boolean }>('SELECT credit_reserved FROM notifications WHERE id = $1::uuid', [queued.body.id]);
      expect(row!.credit_reserved).toBe(false);

      const again = await send(user, template);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('NOT_SUBSCRIBED');
      expect(await calls.count()).toBe(1);
      expect(await creditsOf(user, template)).toBe(0);
    } finally {
      await calls.remove();
    }
  });

  it('sends long-term messages again and again, retrying past the 1 message/s/user limit', async () => {
    const template = await registerTemplate('long_term', 'v1');
    const { user, openId } = await subscribedUser(template);
    const ids = await Promise.all([0, 1, 2].map(async () => (await send(user, template)).body.id as string));
    const results = await Promise.all(ids.map((id) => settled(running, id)));
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(await inbox(openId)).toHaveLength(3);
  });

  it('refuses users who never subscribed, or rejected, before any upstream call', async () => {
    const template = await registerTemplate('long_term', 'v2');
    const never = await signUp(running);
    const rejected = await signUp(running);
    await sql(
      `INSERT INTO subscription_consents (user_id, template_id, status, kind, credits, decided_at, updated_at)
       VALUES ($1::uuid, $2, 'reject', 'long_term', 0, now(), now())`,
      [rejected.userId, template.templateId],
    );
    for (const user of [never, rejected]) {
      const calls = await notifyCallCounter(await openIdOf(user));
      const response = await send(user, template);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('NOT_SUBSCRIBED');
      expect(await calls.count()).toBe(0);
      await calls.remove();
    }
    const [{ count }] = (await sql<{ count: string }>('SELECT count(*) FROM notifications WHERE user_id = ANY($1::uuid[])', [
      [never.userId, rejected.userId],
    ])) as [{ count: string }];
    expect(count).toBe('0');
  });

  it('retries a busy Douyin to success (v1 2000 and v2 28001005)', async () => {
    const cases = [
      ['v1', 2000],
      ['v2', 28001005],
    ] as const;
    await Promise.all(
      cases.map(async ([api, errNo]) => {
        const template = await registerTemplate('one_time', api);
        const { user, openId } = await subscribedUser(template);
        const removeFault = await emulator.fault({ operation: `notify_${api}`, match: { open_id: openId }, errNo, times: 2 });
        const queued = await send(user, template);
        const done = await settled(running, queued.body.id);
        await removeFault();
        expect(done).toMatchObject({ status: 'sent', attempts: 3, lastErrorCode: 'system_busy' });
        expect(await inbox(openId)).toHaveLength(1);
        expect(await creditsOf(user, template)).toBe(0);
      }),
    );
  });

  it('fails a message Douyin refuses for good at once, with the reason, and gives the credit back', async () => {
    const template = await registerTemplate('one_time', 'v1');
    const { user, openId } = await subscribedUser(template);
    const removeFault = await emulator.fault({ operation: 'notify_v1', match: { open_id: openId }, errNo: 1008 });
    try {
      const queued = await send(user, template);
      const done = await settled(running, queued.body.id);
      expect(done).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'content_rejected' });
      expect(done.lastError).toContain('1008');
      expect(await creditsOf(user, template)).toBe(1);
      expect(await inbox(openId)).toEqual([]);
    } finally {
      await removeFault();
    }
  });

  it('renews a token Douyin invalidated and delivers in the same attempt', async () => {
    const template = await registerTemplate('one_time', 'v2');
    const { user, openId } = await subscribedUser(template);
    const removeFault = await emulator.fault({ operation: 'notify_v2', match: { open_id: openId }, errNo: 28001008, times: 1 });
    const done = await settled(running, (await send(user, template)).body.id);
    await removeFault();
    expect(done).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await inbox(openId)).toHaveLength(1);
  });

  it('never re-sends when the request may have reached Douyin (dropped connection): dead, outcome unknown', async () => {
    const template = await registerTemplate('one_time', 'v2');
    const { user, openId } = await subscribedUser(template);
    const calls = await notifyCallCounter(openId);
    const removeFault = await emulator.fault({ operation: 'notify_v2', match: { open_id: openId }, drop: true, times: 1 });
    try {
      const done = await settled(running, (await send(user, template)).body.id);
      expect(done).toMatchObject({ status: 'dead', attempts: 1, lastErrorCode: 'OUTCOME_UNKNOWN' });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // a retry would have come by now
      expect(await calls.count()).toBe(1);
      // It may have been delivered: the credit stays spent rather than over-using consent.
      expect(await creditsOf(user, template)).toBe(0);
    } finally {
      await removeFault();
      await calls.remove();
    }
  });

  it('re-sends a long-term message whose send timed out (NOTIFY_RETRY_AFTER_TIMEOUT), never a one-time one', async () => {
    // Test apps run with DOUYIN_TIMEOUT_MS=2000 and NOTIFY_RETRY_AFTER_TIMEOUT=true (test/worker-env.ts).
    const [longTerm, oneTime] = await Promise.all([registerTemplate('long_term', 'v1'), registerTemplate('one_time', 'v2')]);
    const [a, b] = await Promise.all([subscribedUser(longTerm), subscribedUser(oneTime)]);
    const removeFaults = await Promise.all([
      emulator.fault({ operation: 'notify_v1', match: { open_id: a.openId }, latencyMs: 3000, times: 1 }),
      emulator.fault({ operation: 'notify_v2', match: { open_id: b.openId }, latencyMs: 3000, times: 1 }),
    ]);
    try {
      const [resent, unknown] = await Promise.all([
        settled(running, (await send(a.user, longTerm)).body.id),
        settled(running, (await send(b.user, oneTime)).body.id),
      ]);
      // Without the option this would be dead/OUTCOME_UNKNOWN after one attempt. The late first
      // delivery can make the re-send meet the 1 message/s/user limit first, hence either error.
      expect(resent.status).toBe('sent');
      expect(resent.attempts).toBeGreaterThanOrEqual(2);
      expect(['transport_timeout', 'rate_limited']).toContain(resent.lastErrorCode);
      // At-least-once: the late first attempt may land too, so the user can get it twice.
      expect((await inbox(a.openId)).length).toBeGreaterThanOrEqual(1);
      expect(unknown).toMatchObject({ status: 'dead', attempts: 1, lastErrorCode: 'OUTCOME_UNKNOWN' });
      expect(await creditsOf(b.user, oneTime)).toBe(0);
    } finally {
      await Promise.all(removeFaults.map((remove) => remove()));
    }
  });

  it('gives up after the retry limit: dead, with the last error, credit back', async () => {
    const impatient = await extra.start({ ...WORKER_ENV, NOTIFY_RETRY_LIMIT: '1' });
    const template = await registerTemplate('one_time', 'v1');
    const { user, openId } = await subscribedUser(template);
    const removeFault = await emulator.fault({ operation: 'notify_v1', match: { open_id: openId }, errNo: 1010 });
    try {
      const done = await settled(impatient, (await send(user, template, {}, impatient)).body.id);
      expect(done).toMatchObject({ status: 'dead', attempts: 2, lastErrorCode: 'rate_limited' });
      expect(done.lastError).toMatch(/Gave up after 2 attempts/);
      expect(await creditsOf(user, template)).toBe(1);
    } finally {
      await removeFault();
    }
  });

  it('honours the idempotency key: one row, one credit, one message; another payload under it is a conflict', async () => {
    const template = await registerTemplate('one_time', 'v2');
    const { user, openId } = await subscribedUser(template, 2);
    const body = { user: { openId }, templateId: template.templateId, data: DATA, idempotencyKey: key() };
    const [first, second] = await Promise.all([
      admin(running, 'POST', '/admin/notifications', body),
      admin(running, 'POST', '/admin/notifications', body),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    await settled(running, first.body.id);
    const replay = await admin(running, 'POST', '/admin/notifications', body);
    expect(replay).toMatchObject({ status: 200, body: { id: first.body.id, status: 'sent' } });
    expect(await creditsOf(user, template)).toBe(1);
    expect(await inbox(openId)).toHaveLength(1);

    const other = await admin(running, 'POST', '/admin/notifications', { ...body, data: { ...DATA, 状态: '已签收' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
  });

  it('checks the template, its keywords and the user', async () => {
    const template = await registerTemplate('one_time', 'v2');
    const { user } = await subscribedUser(template);
    const unknown = await send(user, { ...template, templateId: 'MSG_NOT_REGISTERED' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'TEMPLATE_UNKNOWN', details: { templateIds: ['MSG_NOT_REGISTERED'] } });

    const wrongKeys = await send(user, template, { data: { 物品名称: '耳机', 颜色: '黑' } });
    expect(wrongKeys.status).toBe(400);
    expect(wrongKeys.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { missing: ['状态'], extra: ['颜色'] } });
    const empty = await send(user, template, { data: { 物品名称: '', 状态: 'x' } });
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');

    const nobody = await admin(running, 'POST', '/admin/notifications', {
      user: { openId: 'no-such-openid' },
      templateId: template.templateId,
      data: DATA,
      idempotencyKey: key(),
    });
    expect(nobody.status).toBe(404);
    expect(await creditsOf(user, template)).toBe(1);
  });
});

describe('admin auth', () => {
  it('needs the admin key: missing 401, wrong 403, a user session is not enough', async () => {
    const user = await signUp(running);
    const path = '/admin/notifications/00000000-0000-4000-8000-000000000000';
    expect((await admin(running, 'GET', path, undefined, null)).status).toBe(401);
    expect((await admin(running, 'GET', path, undefined, 'x'.repeat(43))).status).toBe(403);
    const withSession = await user.request('GET', path);
    expect(withSession.status).toBe(401);
    expect((await admin(running, 'GET', path)).status).toBe(404);
  });
});
