import { createHash, randomUUID } from 'node:crypto';
import { ZErrorEnvelope, ZLoginResponse } from '@douyin-kit/contracts';
import type { AdminWebhookDelivery } from '@douyin-kit/douyin-emulator/admin';
import { postJson, requestJson, sql } from '../../../test/api-user.js';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { admin, settled } from '../../../test/notify-fixtures.js';
import { ownEmulatorApp, until, type OwnApp } from '../../../test/own-app.js';

/**
 * Douyin's webhooks end to end: the emulator, playing the platform, pushes signed events to the
 * API over HTTP (its own app, so no other test file's taps reach this API), with the API's
 * notification and webhook workers running on the run's database.
 */
let own: OwnApp;
let running: RunningApp;
let secret: string;

interface Member {
  douyinUserId: string;
  openid: string;
  userId: string;
  token: string;
}

beforeAll(async () => {
  own = await ownEmulatorApp({ once: { kind: 'one_time', api: 'v2' }, news: { kind: 'long_term', api: 'v2' } });
  secret = own.env.DOUYIN_APP_SECRET!;
  running = await startApp({ ...own.env, DOUYIN_WEBHOOKS: 'true', NOTIFY_WORKERS_IN_PROCESS: 'true', NOTIFY_RETRY_DELAY_SECONDS: '1' });
});
afterAll(() => running.close());

/** A user of the own app who logged in through the API (tt.login, then POST /auth/login). */
async function member(): Promise<Member> {
  const user = await own.newUser();
  const { code } = await user.tt.login();
  const login = await postJson(running.baseUrl, '/auth/login', { code });
  const { token, user: ours } = ZLoginResponse.parse(login.body);
  return { douyinUserId: user.id, openid: user.openid, userId: ours.id, token };
}

/** A POST as Douyin would make it; `sign` false forges the signature. */
function push(body: string, headers: { msgId?: string; signature?: string } = {}) {
  const signature = headers.signature ?? createHash('sha1').update(secret).update(body).digest('hex');
  return fetch(`${running.baseUrl}/webhooks/douyin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-douyin-signature': signature, 'msg-id': headers.msgId ?? randomUUID() },
    body,
  });
}

const events = (where = 'TRUE', values: unknown[] = []) =>
  sql<{ msg_id: string; event: string; state: string; outcome: string | null }>(
    `SELECT msg_id, event, state, outcome FROM webhook_events WHERE app_id = $1 AND ${where} ORDER BY received_at`,
    [own.appid, ...values],
  );
const ledger = (userId: string) =>
  sql<{ status: string; source: string }>('SELECT status, source FROM subscription_consent_events WHERE user_id = $1::uuid ORDER BY decided_at', [
    userId,
  ]);
const consent = async (userId: string, templateId: string) =>
  (
    await sql<{ status: string; confirmed: boolean; credits: number; unconfirmed_credits: number }>(
      'SELECT status, confirmed, credits, unconfirmed_credits FROM subscription_consents WHERE user_id = $1::uuid AND template_id = $2',
      [userId, templateId],
    )
  )[0];
const deliveries = () => emulator.client.webhookDeliveries({ appid: own.appid });
const delivered = (pick: (d: AdminWebhookDelivery) => boolean) =>
  until(deliveries, (list) => list.some((d) => pick(d) && d.status !== 'pending'), 10_000, 'a webhook delivery').then((list) =>
    list.filter(pick).at(-1)!,
  );

describe('POST /webhooks/douyin with the emulator as Douyin', () => {
  it('answers the verify_webhook challenge the console sends when the URL is saved, and on demand', async () => {
    const saved = await emulator.client.setWebhook(own.appid, `${running.baseUrl}/webhooks/douyin`);
    expect(saved.verification).toMatchObject({ verified: true, statusCode: 200 });
    expect(await emulator.client.verifyWebhook(own.appid)).toMatchObject({ verified: true });
    // The challenge is answered, not stored.
    expect(await events("event = 'verify_webhook'")).toEqual([]);
  });

  it('records a user_subscribe_action in the consent ledger with source webhook, confirmed; the client report of the same tap adds nothing', async () => {
    const alice = await member();
    const { once } = own.templates;
    await emulator.client.subscribe({ appid: own.appid, userId: alice.douyinUserId, tmplIds: [once!.templateId] });
    const delivery = await delivered((d) => d.event === 'user_subscribe_action' && d.body.includes(alice.openid));
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([200]);
    await until(
      () => events('msg_id = $2', [delivery.msgId]),
      (rows) => rows[0]?.state === 'processed',
      10_000,
      'the event processed',
    );
    expect(await ledger(alice.userId)).toEqual([{ status: 'accept', source: 'webhook' }]);
    expect(await consent(alice.userId, once!.templateId)).toEqual({ status: 'accept', confirmed: true, credits: 1, unconfirmed_credits: 0 });

    // The mini-program reports the same tap: one more ledger row, no second credit.
    const report = await requestJson(
      running.baseUrl,
      'POST',
      '/me/subscriptions',
      { requestId: randomUUID(), templateIds: [once!.templateId], result: { errMsg: 'requestSubscribeMessage:ok', [once!.templateId]: 'accept' } },
      alice.token,
    );
    expect(report.status).toBe(200);
    expect(report.body.subscriptions[0]).toMatchObject({ credits: 1, confirmed: true });
    expect((await ledger(alice.userId)).map((row) => row.source)).toEqual(['webhook', 'client']);

    // A replay (the platform's retry, same Msg-Id, body and signature) is stored and processed once.
    await emulator.client.redeliverWebhook(delivery.id);
    const replayed = await until(
      deliveries,
      (list) => list.some((d) => d.id === delivery.id && d.attempts.length === 2 && d.status !== 'pending'),
      10_000,
      'the redelivery',
    );
    expect(replayed.find((d) => d.id === delivery.id)!.attempts.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(await events('msg_id = $2', [delivery.msgId])).toHaveLength(1);
    expect((await ledger(alice.userId)).filter((row) => row.source === 'webhook')).toHaveLength(1);
    expect((await consent(alice.userId, once!.templateId))!.credits).toBe(1);

    // A confirmed consent is sent without asking Douyin again.
    const queries = await emulator.client.countCalls('query_user_subscribe', { open_id: alice.openid });
    const sent = await admin(running, 'POST', '/admin/notifications', {
      user: { id: alice.userId },
      templateId: once!.templateId,
      data: { 物品名称: 'Book' },
      idempotencyKey: randomUUID(),
    });
    expect(sent.status).toBe(201);
    expect(await settled(running, sent.body.id)).toMatchObject({ status: 'sent' });
    expect(await queries.count()).toBe(0);
    await queries.remove();

    // A reach failure for that user and template marks the message.
    await emulator.client.pushWebhook({
      appid: own.appid,
      event: 'send_push_failed_event',
      fromUserId: alice.openid,
      content: { msg_id: once!.templateId, time: Math.floor(Date.now() / 1000), reason: 102 },
    });
    const [marked] = await until(
      () => sql<{ reach_failure_reason: number | null }>('SELECT reach_failure_reason FROM notifications WHERE id = $1::uuid', [sent.body.id]),
      (rows) => rows[0]?.reach_failure_reason !== null,
      10_000,
      'the reach failure',
    );
    expect(marked!.reach_failure_reason).toBe(102);
  });

  it('refuses a forged signature with 401 in the error envelope and stores nothing', async () => {
    const before = (await events()).length;
    const body = JSON.stringify({
      event: 'user_subscribe_action',
      client_key: own.appid,
      from_user_id: 'x',
      content: JSON.stringify({ msg_id: own.templates.once!.templateId, subscribe_action: 1, time: 1 }),
    });
    const forged = createHash('sha1').update('not-the-secret').update(body).digest('hex');
    for (const signature of [forged, '', 'zz']) {
      const response = await push(body, { signature });
      expect(response.status).toBe(401);
      expect(ZErrorEnvelope.parse(await response.json()).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    // Signed, then one byte changed: the signature covers the raw bytes.
    const signature = createHash('sha1').update(secret).update(body).digest('hex');
    expect((await push(body.replace('"event"', ' "event"'), { signature })).status).toBe(401);
    expect(await events()).toHaveLength(before);
  });

  it('acts once on a captured push sent again under a new Msg-Id (the header is outside the signature)', async () => {
    const carol = await member();
    const { once } = own.templates;
    const body = JSON.stringify({
      event: 'user_subscribe_action',
      client_key: own.appid,
      from_user_id: carol.openid,
      content: JSON.stringify({ msg_id: once!.templateId, subscribe_action: 1, time: Math.floor(Date.now() / 1000) }),
      log_id: randomUUID(),
    });
    const [first, replay] = [randomUUID(), randomUUID()];
    expect((await push(body, { msgId: first })).status).toBe(200);
    await until(
      () => consent(carol.userId, once!.templateId),
      (row) => row?.credits === 1,
      10_000,
      'the first push processed',
    );
    // Answered 200 like any duplicate (Douyin would otherwise retry it), and nothing stored.
    expect((await push(body, { msgId: replay })).status).toBe(200);
    expect(await events('msg_id = ANY($2)', [[first, replay]])).toEqual([expect.objectContaining({ msg_id: first, state: 'processed' })]);
    expect(await ledger(carol.userId)).toHaveLength(1);
    expect((await consent(carol.userId, once!.templateId))!.credits).toBe(1);
  });

  it('checks with DOUYIN_WEBHOOK_SECRET when the console issued a separate key', async () => {
    const webhookSecret = `whk-${randomUUID()}`;
    const other = await startApp({ ...own.env, DOUYIN_WEBHOOK_SECRET: webhookSecret });
    try {
      const body = JSON.stringify({ event: 'verify_webhook', client_key: own.appid, content: { challenge: 4242 } });
      const send = (key: string) =>
        fetch(`${other.baseUrl}/webhooks/douyin`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-douyin-signature': createHash('sha1').update(key).update(body).digest('hex') },
          body,
        });
      expect((await send(secret)).status).toBe(401);
      const verified = await send(webhookSecret);
      expect(verified.status).toBe(200);
      expect(await verified.json()).toEqual({ challenge: 4242 });
    } finally {
      await other.close();
    }
  });

  it('stores signed events it does not act on as ignored, and answers 200 so Douyin stops retrying', async () => {
    const cases = [
      { event: 'some_future_event', client_key: own.appid, content: '{}' },
      { event: 'user_subscribe_action', client_key: own.appid, from_user_id: 'open_id_we_never_saw', content: '{"msg_id":"M","subscribe_action":1}' },
      { event: 'user_subscribe_action', client_key: 'tt_another_app', from_user_id: 'x', content: '{}' },
      { event: 'user_subscribe_action', client_key: own.appid, from_user_id: 'x', content: 'not json' },
    ];
    const ids = cases.map(() => randomUUID());
    for (const [i, body] of cases.entries()) expect((await push(JSON.stringify(body), { msgId: ids[i] })).status).toBe(200);
    const rows = await until(
      () => events('msg_id = ANY($2)', [ids]),
      (list) => list.length === 4 && list.every((row) => row.state !== 'received'),
      10_000,
      'the events settled',
    );
    expect(rows.map((row) => row.state)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
    // Not JSON at all, or not an event: 400, nothing stored.
    expect((await push('{"event":')).status).toBe(400);
    expect((await push('[1,2]')).status).toBe(400);
  });

  it('refuses a send whose consent only the mini-program reported when Douyin says the user is not subscribed', async () => {
    const bob = await member();
    const { once } = own.templates;
    // Bob's client claims an accept he never gave on Douyin (no tap on the emulator).
    const claim = await requestJson(
      running.baseUrl,
      'POST',
      '/me/subscriptions',
      { requestId: randomUUID(), templateIds: [once!.templateId], result: { errMsg: 'requestSubscribeMessage:ok', [once!.templateId]: 'accept' } },
      bob.token,
    );
    expect(claim.body.subscriptions[0]).toMatchObject({ credits: 1, confirmed: false });
    expect(await ledger(bob.userId)).toEqual([{ status: 'accept', source: 'client' }]);

    const sent = await admin(running, 'POST', '/admin/notifications', {
      user: { id: bob.userId },
      templateId: once!.templateId,
      data: { 物品名称: 'Book' },
      idempotencyKey: randomUUID(),
    });
    expect(sent.status).toBe(201);
    expect(await settled(running, sent.body.id)).toMatchObject({ status: 'failed', lastErrorCode: 'NOT_SUBSCRIBED' });
    expect(await emulator.client.inbox({ appid: own.appid, openid: bob.openid })).toEqual([]);
    // Refused, so the credit is back, still unconfirmed.
    expect(await consent(bob.userId, once!.templateId)).toMatchObject({ credits: 1, unconfirmed_credits: 1, confirmed: false });
  });
});
