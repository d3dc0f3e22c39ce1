import { randomUUID } from 'node:crypto';
import { ZErrorEnvelope, ZSubscriptionStateList, type TSubscriptionState } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { registerTestTemplates, tapSubscribe } from '../../../test/subscription-templates.js';

let running: RunningApp;
let ids: Record<string, string>;
beforeAll(async () => {
  const registered = await registerTestTemplates({
    order: { kind: 'one_time' },
    refund: { kind: 'one_time' },
    news: { kind: 'long_term', api: 'v1' },
  });
  ids = registered.ids;
  running = await startApp(registered.env);
});
afterAll(() => running.close());

async function post(user: ApiUser, templateIds: string[], result: unknown, requestId = randomUUID()): Promise<TSubscriptionState[]> {
  const response = await user.post('/me/subscriptions', { requestId, templateIds, result });
  expect([response.status, response.body]).toEqual([200, expect.anything()]);
  return ZSubscriptionStateList.parse(response.body).subscriptions;
}

async function states(user: ApiUser): Promise<Record<string, TSubscriptionState>> {
  const response = await user.request('GET', '/me/subscriptions');
  expect(response.status).toBe(200);
  return Object.fromEntries(ZSubscriptionStateList.parse(response.body).subscriptions.map((s) => [s.templateId, s]));
}

function errorOf(body: unknown) {
  return ZErrorEnvelope.parse(body).error;
}

const eventCount = async (user: ApiUser) =>
  (await sql<{ n: number }>('SELECT count(*)::int AS n FROM subscription_consent_events WHERE user_id = $1', [user.userId]))[0]!.n;

describe('/me/subscriptions', () => {
  it('records a legacy-map accept of a one-time template as one send credit, once per request', async () => {
    const alice = await signUp(running);
    const { legacy } = await tapSubscribe(alice, [ids.order!]);
    const requestId = randomUUID();
    const first = await post(alice, [ids.order!], legacy, requestId);
    expect(first).toEqual([
      {
        templateId: ids.order,
        title: 'Test order',
        kind: 'one_time',
        status: 'accept',
        alwaysSubscribe: false,
        credits: 1,
        // Only the mini-program reported it; a user_subscribe_action webhook would confirm it.
        confirmed: false,
        decidedAt: expect.any(String),
      },
    ]);

    // The same post again (a retry after a lost response) and a burst of them change nothing.
    expect(await post(alice, [ids.order!], legacy, requestId)).toEqual(first);
    await Promise.all(Array.from({ length: 5 }, () => post(alice, [ids.order!], legacy, requestId)));
    expect((await states(alice))[ids.order!]).toEqual(first[0]);
    expect(await eventCount(alice)).toBe(1);

    // A new tap is a new grant.
    const again = await post(alice, [ids.order!], (await tapSubscribe(alice, [ids.order!])).legacy);
    expect(again[0]).toMatchObject({ status: 'accept', credits: 2 });
    expect(await eventCount(alice)).toBe(2);
  });

  it('records templateSettings with alwaysSubscribe and reminder ways, in the ledger as it arrived', async () => {
    const alice = await signUp(running);
    const { withSettings } = await tapSubscribe(alice, [ids.order!, ids.refund!], { decisions: { [ids.refund!]: 'reject' }, alwaysSubscribe: true });
    const recorded = await post(alice, [ids.order!, ids.refund!], withSettings);
    expect(recorded.map((s) => [s.templateId, s.status, s.alwaysSubscribe, s.credits])).toEqual(
      [
        [ids.order, 'accept', true, 1],
        [ids.refund, 'reject', true, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const events = await sql<{ template_id: string; status: string; kind: string; always_subscribe: boolean; reminder_ways: unknown }>(
      'SELECT template_id, status, kind, always_subscribe, reminder_ways FROM subscription_consent_events WHERE user_id = $1 ORDER BY template_id',
      [alice.userId],
    );
    expect(events).toEqual(
      [
        {
          template_id: ids.order,
          status: 'accept',
          kind: 'one_time',
          always_subscribe: true,
          reminder_ways: [{ reminderType: 'message_notice', reminderStatus: 'accept' }],
        },
        {
          template_id: ids.refund,
          status: 'reject',
          kind: 'one_time',
          always_subscribe: true,
          reminder_ways: [{ reminderType: 'message_notice', reminderStatus: 'reject' }],
        },
      ].sort((a, b) => a.template_id!.localeCompare(b.template_id!)),
    );
    // The current state keeps the reminder ways too (for the sender to read).
    const [consent] = await sql<{ reminder_ways: unknown }>(
      'SELECT reminder_ways FROM subscription_consents WHERE user_id = $1 AND template_id = $2',
      [alice.userId, ids.order],
    );
    expect(consent!.reminder_ways).toEqual([{ reminderType: 'message_notice', reminderStatus: 'accept' }]);
  });

  it("records a real Android device's answer (itemSettings beside the legacy keys) whatever else the host adds", async () => {
    const alice = await signUp(running);
    const { android } = await tapSubscribe(alice, [ids.order!, ids.refund!], { decisions: { [ids.refund!]: 'reject' } });
    expect(android).toMatchObject({ itemSettings: { [ids.order!]: 'accept', [ids.refund!]: 'reject' } });
    const withNewFields = { ...android, hostVersion: '29.8.0', extra: { nested: [1, 2] }, [`MSG_NOT_ASKED`]: 'accept' };
    const recorded = await post(alice, [ids.order!, ids.refund!], withNewFields);
    expect(Object.fromEntries(recorded.map((s) => [s.templateId, [s.status, s.credits]]))).toEqual({
      [ids.order!]: ['accept', 1],
      [ids.refund!]: ['reject', 0],
    });
    expect(await eventCount(alice)).toBe(2);

    // itemSettings speaks for a template over its legacy key (the newer of the two shapes).
    const disagreeing = { errMsg: 'requestSubscribeMessage:ok', [ids.order!]: 'accept', itemSettings: { [ids.order!]: 'ban' } };
    expect((await post(alice, [ids.order!], disagreeing))[0]).toMatchObject({ status: 'ban', credits: 0 });

    // The tolerance has bounds: a result with more keys than any host sends is refused whole.
    const bloated = { ...android, ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, i])) };
    const refused = await alice.post('/me/subscriptions', { requestId: randomUUID(), templateIds: [ids.order], result: bloated });
    expect([refused.status, errorOf(refused.body).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('keeps sends on reject and takes them all on ban', async () => {
    const alice = await signUp(running);
    for (let i = 0; i < 2; i++) await post(alice, [ids.order!], (await tapSubscribe(alice, [ids.order!])).legacy);
    const rejected = await post(alice, [ids.order!], (await tapSubscribe(alice, [ids.order!], { decisions: { [ids.order!]: 'reject' } })).legacy);
    expect(rejected[0]).toMatchObject({ status: 'reject', credits: 2 });
    const banned = await post(alice, [ids.order!], (await tapSubscribe(alice, [ids.order!], { decisions: { [ids.order!]: 'ban' } })).withSettings);
    expect(banned[0]).toMatchObject({ status: 'ban', credits: 0 });
  });

  it('records a long-term accept without credits, and a later reject switches it off', async () => {
    const alice = await signUp(running);
    const accepted = await post(alice, [ids.news!], (await tapSubscribe(alice, [ids.news!])).withSettings);
    expect(accepted[0]).toMatchObject({ templateId: ids.news, kind: 'long_term', status: 'accept', credits: 0 });
    const rejected = await post(alice, [ids.news!], (await tapSubscribe(alice, [ids.news!], { decisions: { [ids.news!]: 'reject' } })).legacy);
    expect(rejected[0]).toMatchObject({ status: 'reject', credits: 0 });
  });

  it('logs fail, repeat and limit without overwriting a decision, and starts a state with them', async () => {
    const alice = await signUp(running);
    await post(alice, [ids.news!], (await tapSubscribe(alice, [ids.news!])).legacy);
    const limited = { errMsg: 'requestSubscribeMessage:ok', templateSettings: { [ids.news!]: { status: 'limit' } } };
    expect((await post(alice, [ids.news!], limited))[0]).toMatchObject({ status: 'accept' });
    const repeated = { errMsg: 'requestSubscribeMessage:ok', templateSettings: { [ids.order!]: { status: 'repeat' } } };
    expect((await post(alice, [ids.order!], repeated))[0]).toMatchObject({ status: 'repeat', credits: 0 });
    expect(await eventCount(alice)).toBe(3);
  });

  it('refuses unknown templates, mixed kinds and more than 3 ids; ignores ids the app did not ask for', async () => {
    const alice = await signUp(running);
    const ok = { errMsg: 'requestSubscribeMessage:ok' };
    const unknownId = `MSG_UNKNOWN_${randomUUID().slice(0, 8)}`;
    const unknown = await alice.post('/me/subscriptions', {
      requestId: randomUUID(),
      templateIds: [ids.order, unknownId],
      result: { ...ok, [unknownId]: 'accept' },
    });
    expect([unknown.status, errorOf(unknown.body).code, errorOf(unknown.body).details]).toEqual([
      400,
      'TEMPLATE_UNKNOWN',
      { templateIds: [unknownId] },
    ]);

    const mixed = await alice.post('/me/subscriptions', {
      requestId: randomUUID(),
      templateIds: [ids.order, ids.news],
      result: { ...ok, [ids.order!]: 'accept' },
    });
    expect([mixed.status, errorOf(mixed.body).code]).toEqual([400, 'TEMPLATE_KINDS_MIXED']);

    const four = await alice.post('/me/subscriptions', {
      requestId: randomUUID(),
      templateIds: [ids.order, ids.refund, 'MSG_X', 'MSG_Y'],
      result: ok,
    });
    expect([four.status, errorOf(four.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    // An id the app did not ask for decides nothing (it is ignored, not an error).
    expect(await post(alice, [ids.order!], { ...ok, [ids.refund!]: 'accept' })).toEqual([]);

    expect(await states(alice)).toEqual({});
    expect(await eventCount(alice)).toBe(0);
  });

  it('answers 409 for a requestId reused with a different result, recording nothing', async () => {
    const alice = await signUp(running);
    const requestId = randomUUID();
    await post(alice, [ids.order!], { errMsg: 'requestSubscribeMessage:ok', [ids.order!]: 'accept' }, requestId);
    const reused = await alice.post('/me/subscriptions', {
      requestId,
      templateIds: [ids.order],
      result: { errMsg: 'requestSubscribeMessage:ok', [ids.order!]: 'ban' },
    });
    expect([reused.status, errorOf(reused.body).code]).toEqual([409, 'CONFLICT']);
    expect((await states(alice))[ids.order!]).toMatchObject({ status: 'accept', credits: 1 });
  });

  it("acts on the caller only: Bob never sees or changes Alice's state", async () => {
    const alice = await signUp(running);
    const bob = await signUp(running);
    const requestId = randomUUID();
    const { legacy } = await tapSubscribe(alice, [ids.order!]);
    await post(alice, [ids.order!], legacy, requestId);
    expect(await states(bob)).toEqual({});
    // Bob replaying Alice's request is Bob's own decision, not a retry of hers.
    await post(bob, [ids.order!], legacy, requestId);
    expect((await states(alice))[ids.order!]).toMatchObject({ credits: 1 });
    expect((await states(bob))[ids.order!]).toMatchObject({ credits: 1 });
    expect((await alice.request('GET', '/me/subscriptions')).body.subscriptions).toHaveLength(1);
  });

  it('needs a session', async () => {
    const response = await fetch(`${running.baseUrl}/me/subscriptions`);
    expect(response.status).toBe(401);
  });
});
