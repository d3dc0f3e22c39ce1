import { randomUUID } from 'node:crypto';
import { type ApiResponse, requestJson, sql, type ApiUser } from './api-user.js';
import type { RunningApp } from './create-app.js';
import { emulator } from './emulator.js';

/** The admin key tests run with (the dev default: NODE_ENV is test). */
export const ADMIN_KEY = 'dev-only-admin-key-never-use-in-production';

export interface TestTemplate {
  templateId: string;
  kind: 'one_time' | 'long_term';
  api: 'v1' | 'v2';
  keywords: string[];
}

/**
 * A template known to the emulator (the console) and to our registry, unique to the test.
 * `notifyTypes` defaults as the registry does: [2] (in-app inbox) for v2, none for v1.
 */
export async function registerTemplate(
  kind: TestTemplate['kind'],
  api: TestTemplate['api'],
  keywords = ['物品名称', '状态'],
  notifyTypes: number[] = api === 'v2' ? [2] : [],
): Promise<TestTemplate> {
  const templateId = `MSG_T_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await emulator.client.createTemplate({ appid: emulator.appId, templateId, title: 'Test template', kind, keywords });
  await sql(
    `INSERT INTO subscription_templates (app_id, template_id, title, kind, api, keywords, notify_types, updated_at)
     VALUES ($1, $2, 'Test template', $3::template_kind, $4::notify_api, $5::varchar[], $6::smallint[], now())`,
    [emulator.appId, templateId, kind, api, keywords, notifyTypes],
  );
  return { templateId, kind, api, keywords };
}

/**
 * The user accepts the template on their phone (the emulator's grant) and our consent ledger
 * records it, as POST /me/subscriptions would (one credit per one-time accept).
 */
export async function subscribe(user: ApiUser, template: TestTemplate, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await emulator.client.subscribe({ appid: emulator.appId, userId: user.douyinUserId, tmplIds: [template.templateId] });
  }
  await sql(
    `INSERT INTO subscription_consents (user_id, template_id, status, kind, credits, decided_at, updated_at)
     VALUES ($1::uuid, $2, 'accept', $3::template_kind, $4, now(), now())
     ON CONFLICT (user_id, template_id) DO UPDATE SET status = 'accept', credits = subscription_consents.credits + EXCLUDED.credits`,
    [user.userId, template.templateId, template.kind, template.kind === 'one_time' ? times : 0],
  );
}

export async function openIdOf(user: ApiUser): Promise<string> {
  const [row] = await sql<{ open_id: string }>('SELECT open_id FROM users WHERE id = $1::uuid', [user.userId]);
  return row!.open_id;
}

export async function creditsOf(user: ApiUser, template: TestTemplate): Promise<number> {
  const [row] = await sql<{ credits: number }>('SELECT credits FROM subscription_consents WHERE user_id = $1::uuid AND template_id = $2', [
    user.userId,
    template.templateId,
  ]);
  return row!.credits;
}

export function inbox(
  openId: string,
): Promise<{ templateId: string; data: Record<string, string>; apiVersion: string; notifyType: number[] | null }[]> {
  return emulator.client.inbox({ appid: emulator.appId, openid: openId });
}

export function admin(
  running: RunningApp,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  key: string | null = ADMIN_KEY,
): Promise<ApiResponse> {
  return fetch(`${running.baseUrl}${path}`, {
    method,
    headers: { ...(key === null ? {} : { 'x-admin-key': key }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (response) => {
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  });
}

export { requestJson };

/** Polls the notification until it leaves queued/sending. */
export async function settled(running: RunningApp, id: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await admin(running, 'GET', `/admin/notifications/${id}`);
    if (!['queued', 'sending'].includes(body.status) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Counts the user's upstream notify calls: a fault rule that matches their openid and does
 * nothing but count (`fired`). Rules are global; `match` keeps it to this user.
 */
export async function notifyCallCounter(openId: string): Promise<{ count: () => Promise<number>; remove: () => Promise<unknown> }> {
  const counters = await Promise.all(
    (['notify_v1', 'notify_v2'] as const).map((operation) => emulator.client.countCalls(operation, { open_id: openId })),
  );
  return {
    count: async () => (await Promise.all(counters.map((counter) => counter.count()))).reduce((sum, fired) => sum + fired, 0),
    remove: () => Promise.all(counters.map((counter) => counter.remove())),
  };
}
