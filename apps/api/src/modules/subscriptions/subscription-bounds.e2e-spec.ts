import { randomUUID } from 'node:crypto';
import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { signUp, sql, type ApiUser } from '../../../test/api-user.js';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { registerTestTemplates } from '../../../test/subscription-templates.js';

/** What one user can claim through POST /me/subscriptions is bounded: per minute, and in credits held. */
let running: RunningApp;
let ids: Record<string, string>;
beforeAll(async () => {
  const registered = await registerTestTemplates({ order: { kind: 'one_time' }, news: { kind: 'long_term' } });
  ids = registered.ids;
  running = await startApp({ ...registered.env, SUBSCRIPTION_RATE_LIMIT_PER_MINUTE: '6', SUBSCRIPTION_CREDIT_LIMIT: '3' });
});
afterAll(() => running.close());

const claim = (user: ApiUser, templateId: string, status = 'accept') =>
  user.post('/me/subscriptions', {
    requestId: randomUUID(),
    templateIds: [templateId],
    result: { errMsg: 'requestSubscribeMessage:ok', [templateId]: status },
  });
const ledgerRows = async (user: ApiUser) =>
  (await sql<{ n: number }>('SELECT count(*)::int AS n FROM subscription_consent_events WHERE user_id = $1::uuid', [user.userId]))[0]!.n;

describe('bounds on POST /me/subscriptions', () => {
  it('refuses a one-time accept past SUBSCRIPTION_CREDIT_LIMIT credits with 409 and records nothing', async () => {
    const user = await signUp(running);
    for (let i = 1; i <= 3; i++) {
      const granted = await claim(user, ids.order!);
      expect([granted.status, granted.body.subscriptions[0].credits]).toEqual([200, i]);
    }
    const refused = await claim(user, ids.order!);
    expect(refused.status).toBe(409);
    expect(ZErrorEnvelope.parse(refused.body).error).toMatchObject({ code: 'SUBSCRIPTION_CREDIT_LIMIT', details: { limit: 3 } });
    expect(await ledgerRows(user)).toBe(3);
    // Decisions that grant nothing are not capped: the user can still say no.
    expect((await claim(user, ids.order!, 'reject')).status).toBe(200);
  });

  it('answers 429 RATE_LIMITED with Retry-After past SUBSCRIPTION_RATE_LIMIT_PER_MINUTE posts of one session, and keeps other sessions apart', async () => {
    const [user, other] = await Promise.all([signUp(running), signUp(running)]);
    for (let i = 0; i < 6; i++) expect((await claim(user, ids.news!)).status).toBe(200);
    const limited = await claim(user, ids.news!);
    expect(limited.status).toBe(429);
    expect(ZErrorEnvelope.parse(limited.body).error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await ledgerRows(user)).toBe(6);
    expect((await claim(other, ids.news!)).status).toBe(200);
  });
});
