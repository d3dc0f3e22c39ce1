import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { extraApps } from '../../../test/create-app.js';
import { signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { emulator } from '../../../test/emulator.js';
import { admin, inbox, openIdOf, registerTemplate, settled, subscribe, type TestTemplate } from '../../../test/notify-fixtures.js';

/**
 * A worker process killed (SIGKILL) in the middle of a batch: its jobs stay "active" until
 * they expire (3 s here), then another worker takes them. A message whose send was in flight
 * may have been delivered, so it ends dead (OUTCOME_UNKNOWN) instead of being sent twice;
 * every other message is sent exactly once, and no one-time credit is spent twice.
 */
const ENV = { NOTIFY_RETRY_DELAY_SECONDS: '1', NOTIFY_RETRY_LIMIT: '5', NOTIFY_JOB_EXPIRE_SECONDS: '3', NOTIFY_WORKER_CONCURRENCY: '4' };
const API_DIR = resolve(import.meta.dirname, '../../..');
const apps = extraApps();
let workerA: ChildProcess | undefined;

afterAll(async () => {
  workerA?.kill('SIGKILL');
  await apps.closeAll();
});

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', './test/swc-register.mjs', 'src/worker.ts'], {
    cwd: API_DIR,
    env: { ...process.env, ...ENV, NODE_ENV: 'test', LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
}

async function statuses(ids: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM notifications WHERE id = ANY($1::uuid[]) GROUP BY status',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('loses no message and spends no credit twice when a worker dies mid-batch', { timeout: 60_000 }, async () => {
  const api = await apps.start({ ...ENV, NOTIFY_WORKERS_IN_PROCESS: 'false' });
  const templates: TestTemplate[] = [await registerTemplate('one_time', 'v2'), await registerTemplate('long_term', 'v1')];
  const recipients: { user: ApiUser; openId: string; template: TestTemplate }[] = [];
  for (let i = 0; i < 20; i++) {
    const template = templates[i % 2]!;
    const user = await signUp(api);
    await subscribe(user, template);
    recipients.push({ user, openId: await openIdOf(user), template });
  }
  // Slow sends, so the kill finds some in flight (well under the 3 s expiry).
  const faults = await Promise.all(
    recipients.map(({ openId, template }) => emulator.fault({ operation: `notify_${template.api}`, match: { open_id: openId }, latencyMs: 1200 })),
  );
  const ids: string[] = [];
  for (const [i, { user, template }] of recipients.entries()) {
    const queued = await admin(api, 'POST', '/admin/notifications', {
      user: { id: user.userId },
      templateId: template.templateId,
      data: { 物品名称: `item ${i}`, 状态: 'ok' },
      idempotencyKey: `crash-${Date.now()}-${i}`,
    });
    expect(queued.status).toBe(201);
    ids.push(queued.body.id);
  }

  workerA = startWorkerProcess();
  const before = await until(
    () => statuses(ids),
    (s) => (s.sent ?? 0) >= 2 && (s.sending ?? 0) >= 1,
    30_000,
  );
  expect(before.sending ?? 0).toBeGreaterThan(0);
  workerA.kill('SIGKILL');

  const workerB = await apps.start({ ...ENV, NOTIFY_WORKERS_IN_PROCESS: 'true' });
  const after = await until(
    () => statuses(ids),
    (s) => (s.sent ?? 0) + (s.dead ?? 0) === ids.length,
    40_000,
  );
  for (const remove of faults) await remove();
  expect((after.sent ?? 0) + (after.dead ?? 0)).toBe(ids.length);

  for (const [i, { user, openId, template }] of recipients.entries()) {
    const row = await settled(workerB, ids[i]!);
    const delivered = await inbox(openId);
    const about = `message ${i}: ${JSON.stringify({ status: row.status, attempts: row.attempts, lastErrorCode: row.lastErrorCode, lastError: row.lastError })}`;
    if (row.status === 'sent') {
      expect(delivered, about).toHaveLength(1);
    } else {
      // Killed mid-send: maybe delivered, never twice, never re-sent.
      expect(row.lastErrorCode, about).toBe('OUTCOME_UNKNOWN');
      expect(delivered.length, about).toBeLessThanOrEqual(1);
    }
    const [consent] = await sql<{ credits: number }>('SELECT credits FROM subscription_consents WHERE user_id = $1::uuid AND template_id = $2', [
      user.userId,
      template.templateId,
    ]);
    expect(consent!.credits, about).toBe(0); // spent once (sent or maybe-sent), never below
  }
});
