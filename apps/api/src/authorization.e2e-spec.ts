import { randomUUID } from 'node:crypto';
import { ZAddress, ZDevice, ZErrorEnvelope, ZLoginResponse, ZNotification, type TErrorCode } from '@douyin-kit/contracts';
import { postJson, signUp, sql, type ApiUser } from '../test/api-user.js';
import { startApp, type RunningApp } from '../test/create-app.js';
import { emulator } from '../test/emulator.js';
import { ADMIN_KEY, admin } from '../test/notify-fixtures.js';
import { fetchOperations, fillPath, type Operation, type OperationAuth } from '../test/openapi-operations.js';
import { registerTestTemplates, tapSubscribe } from '../test/subscription-templates.js';

/**
 * Who may call what. Every operation of the OpenAPI document must be listed here: a new route
 * fails this file until someone decides, on purpose, who may call it.
 */
const ROUTES: Record<string, OperationAuth> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /docs': 'public',
  'GET /docs/openapi.json': 'public',
  'GET /docs/assets/{file}': 'public',
  'POST /auth/login': 'public',
  'POST /webhooks/douyin': 'public',
  'POST /auth/logout': 'session',
  'GET /me': 'session',
  'POST /me/profile': 'session',
  'POST /me/phone': 'session',
  'GET /me/devices': 'session',
  'POST /me/devices': 'session',
  'GET /me/addresses': 'session',
  'POST /me/addresses': 'session',
  'DELETE /me/addresses/{id}': 'session',
  'GET /me/location': 'session',
  'POST /me/location': 'session',
  'GET /me/subscriptions': 'session',
  'POST /me/subscriptions': 'session',
  'GET /templates': 'session',
  'POST /admin/notifications': 'admin',
  'GET /admin/notifications/{id}': 'admin',
};

/** Path parameters that pass validation, so the answer is about who calls, not what. */
const PARAMS: Record<string, string> = { id: randomUUID(), file: 'swagger-ui.css' };

let running: RunningApp;
let operations: Operation[];
let templateId: string;
let newsTemplateId: string;
let alice: ApiUser;
let bob: ApiUser;
beforeAll(async () => {
  const registered = await registerTestTemplates({ order: { kind: 'one_time' }, news: { kind: 'long_term' } });
  templateId = registered.ids.order!;
  newsTemplateId = registered.ids.news!;
  running = await startApp(registered.env);
  operations = await fetchOperations(running.baseUrl);
  [alice, bob] = await Promise.all([signUp(running), signUp(running)]);
});
afterAll(() => running.close());

/** A further session of the same user (tt.login again), for calls that end the session. */
async function spareToken(user: ApiUser): Promise<string> {
  const { code } = await user.tt.login();
  return ZLoginResponse.parse((await postJson(running.baseUrl, '/auth/login', { code })).body).token;
}

async function call(op: Operation, headers: Record<string, string>): Promise<{ status: number; code?: TErrorCode }> {
  const response = await fetch(`${running.baseUrl}${fillPath(op.path, PARAMS)}`, {
    method: op.method,
    headers: { ...headers, ...(op.body ? { 'content-type': 'application/json' } : {}) },
    body: op.body ? '{}' : undefined,
  });
  const text = await response.text();
  const envelope = response.status >= 400 ? ZErrorEnvelope.safeParse(JSON.parse(text)) : undefined;
  return { status: response.status, code: envelope?.success ? envelope.data.error.code : undefined };
}

describe('authorisation matrix', () => {
  it('classifies every route of the OpenAPI document, as the document itself does', () => {
    const documented = Object.fromEntries(operations.map((op) => [op.key, op.auth]));
    expect(
      Object.keys(documented).filter((key) => !(key in ROUTES)),
      'routes to add to ROUTES',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((key) => !(key in documented)),
      'routes gone from the app',
    ).toEqual([]);
    expect(documented).toEqual(ROUTES);
  });

  it('lets anyone call public routes, only sessions call session routes, only the admin key call admin routes', async () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const outcomes: string[] = [];
    for (const op of operations) {
      const logout = op.key === 'POST /auth/logout';
      const callers: Record<string, Record<string, string>> = {
        anonymous: {},
        alice: bearer(logout ? await spareToken(alice) : alice.token),
        bob: bearer(logout ? await spareToken(bob) : bob.token),
        'admin key': { 'x-admin-key': ADMIN_KEY },
        "alice's token as admin key": { 'x-admin-key': alice.token },
      };
      for (const [caller, headers] of Object.entries(callers)) {
        const { status, code } = await call(op, headers);
        outcomes.push(`${op.key} as ${caller}: ${verdict(ROUTES[op.key]!, caller, status, code)}`);
      }
    }
    expect(outcomes.filter((line) => !line.endsWith(': ok'))).toEqual([]);
  });
});

/** 'ok', or what is wrong with `status`/`code` for this caller on a route of this kind. */
function verdict(auth: OperationAuth, caller: string, status: number, code: TErrorCode | undefined): string {
  if (status >= 500) return `${status} ${code}`;
  const refused = status === 401 || status === 403;
  const holds = auth === 'public' || (auth === 'session' && (caller === 'alice' || caller === 'bob')) || (auth === 'admin' && caller === 'admin key');
  // The webhook's credential is Douyin's signature over the body, which no caller here has.
  if (holds) return refused && code !== 'WEBHOOK_SIGNATURE_INVALID' ? `refused (${status} ${code})` : 'ok';
  // A wrong admin key is a 403; no credential of the right kind at all is a 401.
  const expected: [number, TErrorCode] = auth === 'admin' && caller.endsWith('as admin key') ? [403, 'FORBIDDEN'] : [401, 'UNAUTHENTICATED'];
  return status === expected[0] && code === expected[1] ? 'ok' : `${status} ${code}, expected ${expected.join(' ')}`;
}

describe("another user's resources", () => {
  it("never lets Bob read, delete or change Alice's addresses, devices, location, subscriptions, notifications or sessions", async () => {
    // Alice's data, made the way the mini-program makes it.
    const address = ZAddress.parse((await alice.post('/me/addresses', await alice.tt.chooseAddress())).body);
    const systemInfo = await alice.tt.getSystemInfo();
    const device = ZDevice.parse((await alice.post('/me/devices', systemInfo)).body);
    expect((await alice.post('/me/location', await alice.tt.getLocation({ type: 'gcj02' }))).status).toBe(200);
    const requestId = randomUUID();
    const { legacy } = await tapSubscribe(alice, [templateId]);
    expect((await alice.post('/me/subscriptions', { requestId, templateIds: [templateId], result: legacy })).status).toBe(200);
    // The message goes out on the long-term template: sending it (by any worker of the run)
    // then changes no credit of Alice's while this test compares them.
    const news = await tapSubscribe(alice, [newsTemplateId]);
    expect((await alice.post('/me/subscriptions', { requestId: randomUUID(), templateIds: [newsTemplateId], result: news.legacy })).status).toBe(200);
    const message = { user: { id: alice.userId }, templateId: newsTemplateId, data: { Item: 'x', Time: 'y' }, idempotencyKey: `authz-${requestId}` };
    const sent = await admin(running, 'POST', '/admin/notifications', message);
    const notification = ZNotification.parse(sent.body);
    const before = await aliceRows();

    // Bob reads: only his own (empty) lists.
    for (const path of ['/me/addresses', '/me/devices', '/me/subscriptions']) {
      const { body } = await bob.request('GET', path);
      expect(JSON.stringify(body), path).not.toContain(alice.userId);
      expect(Object.values(body as object)[0], path).toEqual([]);
    }
    expect((await bob.request('GET', '/me/location')).body).toEqual({ location: null });
    expect((await bob.request('GET', '/me')).body).toMatchObject({ id: bob.userId });

    // Bob deletes Alice's address: the same 404 as for an id that does not exist.
    const foreign = await bob.request('DELETE', `/me/addresses/${address.id}`);
    const unknown = await bob.request('DELETE', `/me/addresses/${randomUUID()}`);
    expect([foreign.status, foreign.body.error.message]).toEqual([404, unknown.body.error.message]);

    // Bob posts Alice's very data, with her ids smuggled in: it all becomes Bob's own.
    const smuggled = { userId: alice.userId, user_id: alice.userId, id: address.id };
    expect((await bob.post('/me/addresses', { ...(await bob.tt.chooseAddress()), ...smuggled })).status).toBe(200);
    expect((await bob.post('/me/devices', { ...systemInfo, ...smuggled, id: device.id })).status).toBe(200);
    expect((await bob.post('/me/location', { latitude: 1, longitude: 2, ...smuggled })).status).toBe(200);
    expect((await bob.post('/me/subscriptions', { requestId, templateIds: [templateId], result: { ...legacy, [templateId]: 'ban' } })).status).toBe(
      200,
    );
    // Alice's signed profile replayed under Bob's session key does not decrypt: nothing stored.
    expect((await bob.post('/me/profile', await profileOf(alice))).status).toBeGreaterThanOrEqual(400);

    // Bob cannot see or queue Alice's notifications: the admin routes do not take sessions.
    expect((await bob.request('GET', `/admin/notifications/${notification.id}`)).status).toBe(401);
    expect((await admin(running, 'GET', `/admin/notifications/${notification.id}`, undefined, bob.token)).status).toBe(403);

    // Bob logs out: his session only.
    expect((await bob.post('/auth/logout', {})).status).toBe(200);
    expect((await alice.request('GET', '/me')).status).toBe(200);

    expect(await aliceRows()).toEqual(before);
    const bobs = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM addresses WHERE user_id = $1)::int + (SELECT count(*) FROM devices WHERE user_id = $1)::int
        + (SELECT count(*) FROM locations WHERE user_id = $1)::int + (SELECT count(*) FROM subscription_consents WHERE user_id = $1)::int AS n`,
      [bob.userId],
    );
    expect(bobs[0]!.n).toBe(4);
  });
});

async function profileOf(user: ApiUser) {
  const { rawData, signature, encryptedData, iv } = await emulator.userProfile(user.douyinUserId);
  return { rawData, signature, encryptedData, iv };
}

/** Everything of Alice's that Bob could try to touch, as stored. */
async function aliceRows() {
  const id = alice.userId;
  return {
    user: await sql('SELECT nickname, phone_masked FROM users WHERE id = $1', [id]),
    addresses: await sql('SELECT id, user_id, user_name, detail_info FROM addresses WHERE user_id = $1 ORDER BY id', [id]),
    devices: await sql('SELECT id, user_id, last_seen_at, snapshot FROM devices WHERE user_id = $1 ORDER BY id', [id]),
    location: await sql('SELECT latitude, longitude, recorded_at FROM locations WHERE user_id = $1', [id]),
    consents: await sql('SELECT template_id, status, credits FROM subscription_consents WHERE user_id = $1', [id]),
    consentEvents: await sql('SELECT id, status FROM subscription_consent_events WHERE user_id = $1 ORDER BY id', [id]),
    notifications: await sql('SELECT id, user_id, template_id FROM notifications WHERE user_id = $1', [id]),
    liveSessions: await sql('SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id', [id]),
  };
}
