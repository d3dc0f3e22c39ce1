import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import pg from 'pg';
import { inject } from 'vitest';

/** This run's stack (see global-setup) with the few calls the journeys make outside the app. */
export function stackClient() {
  const stack = inject('stack');
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });

  const emulator = new EmulatorAdmin(stack.emulatorUrl);

  const admin = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { 'x-admin-key': stack.adminKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  return {
    stack,
    /** A Douyin user of the dev app, new for this test (so journeys never share state). */
    createUser: (fields: { nickname: string; phone: string; city?: string }) =>
      emulator.createUser({
        appid: stack.appId,
        nickname: fields.nickname,
        gender: 2,
        city: fields.city ?? '杭州',
        province: '浙江',
        country: '中国',
        phone: { countryCode: '86', purePhoneNumber: fields.phone },
      }),
    inbox: (openid: string) => emulator.inbox({ appid: stack.appId, openid }),
    /** What an operator's back office does: queue a message and wait until the worker sent it. */
    async sendNotification(userId: string, templateId: string, idempotencyKey: string) {
      const queued = await admin<{ id: string }>('POST', '/admin/notifications', {
        user: { id: userId },
        templateId,
        data: {},
        page: 'pages/subscribe/index',
        idempotencyKey,
      });
      if (queued.status >= 300) throw new Error(`POST /admin/notifications: ${queued.status} ${JSON.stringify(queued.body)}`);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { body } = await admin<{ status: string; lastErrorCode: string | null }>('GET', `/admin/notifications/${queued.body.id}`);
        if (body.status === 'sent' || body.status === 'dead' || body.status === 'failed') return body;
        if (Date.now() > deadline) throw new Error(`notification ${queued.body.id} still ${body.status} after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    sql: async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await pool.query<T>(text, values)).rows,
    close: () => pool.end(),
  };
}
