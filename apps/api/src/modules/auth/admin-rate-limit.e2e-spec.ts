import { randomUUID } from 'node:crypto';
import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { signUp } from '../../../test/api-user.js';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { ADMIN_KEY, admin } from '../../../test/notify-fixtures.js';
import { fetchOperations } from '../../../test/openapi-operations.js';

const LIMIT = 4;
let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ ADMIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterAll(() => running.close());

const status = (path: string, key: string | null, headers: Record<string, string> = {}) =>
  fetch(`${running.baseUrl}${path}`, { headers: { ...(key === null ? {} : { 'x-admin-key': key }), ...headers } });

describe('admin rate limit', () => {
  it('counts every admin request per client address, right key or not, in one bucket for all admin routes', async () => {
    const notification = `/admin/notifications/${randomUUID()}`;
    // Guesses and a missing key count like real calls: guessing the key is throttled too.
    expect((await status(notification, 'guess-1'.padEnd(42, 'x'))).status).toBe(403);
    expect((await status(notification, null)).status).toBe(401);
    expect((await admin(running, 'POST', '/admin/notifications', {})).status).toBe(400);
    expect((await status(notification, ADMIN_KEY)).status).toBe(404);

    const limited = await admin(running, 'GET', notification);
    expect(limited.status).toBe(429);
    const error = ZErrorEnvelope.parse(limited.body).error;
    expect(error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.details).toEqual({ retryAfterSeconds: retryAfter });

    // The other admin route shares the bucket; a forwarded-for header buys no fresh one.
    expect((await admin(running, 'POST', '/admin/notifications', {})).status).toBe(429);
    expect((await status(notification, ADMIN_KEY, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);

    // Users, logins and public routes have limits of their own (or none).
    expect((await fetch(`${running.baseUrl}/health`)).status).toBe(200);
    const user = await signUp(running);
    expect((await user.request('GET', '/me')).status).toBe(200);
  });

  it('documents 429 on every admin route', async () => {
    const doc = (await (await fetch(`${running.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const adminRoutes = (await fetchOperations(running.baseUrl)).filter((op) => op.auth === 'admin');
    expect(adminRoutes.length).toBeGreaterThan(0);
    for (const op of adminRoutes) expect(doc.paths[op.path]![op.method.toLowerCase()]!.responses, op.key).toHaveProperty('429');
  });
});
