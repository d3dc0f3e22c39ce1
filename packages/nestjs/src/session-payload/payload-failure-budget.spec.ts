import { PayloadFailureBudget } from './payload-failure-budget.js';
import { InMemoryPayloadFailureStore, type PayloadAttempt } from './payload-failure-store.js';
import { PayloadBudgetSpentError, SessionKeyStaleError } from './session-payload-errors.js';

const subject = { userId: 'user-a', sessionId: 'session-a' };
const WINDOW_SECONDS = 600;

/** The budget on the in-memory store, with a clock the test moves; records what the store holds. */
function setup(budget = 3) {
  let now = new Date('2026-01-02T03:00:00Z');
  const store = new InMemoryPayloadFailureStore();
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  const held = (userId = subject.userId) => store.recent(userId, new Date(0));
  return { budget: new PayloadFailureBudget({ store, budget, windowSeconds: WINDOW_SECONDS, now: () => now }), store, held, advance };
}

async function refusal(run: Promise<unknown>): Promise<PayloadBudgetSpentError> {
  const error = await run.catch((e: unknown) => e);
  if (error instanceof PayloadBudgetSpentError) return error;
  throw new Error(`expected a PayloadBudgetSpentError, got ${String(error)}`);
}

describe('PayloadFailureBudget', () => {
  it('answers SessionKeyStale until the budget is spent, then says this failure spent it', async () => {
    const { budget, advance } = setup(3);
    const answers: [string, boolean?][] = [];
    for (let i = 0; i < 3; i++) {
      await budget.reserve(subject, 'getPhoneNumber');
      const error = await budget.spend(subject, 'getPhoneNumber');
      answers.push(error instanceof PayloadBudgetSpentError ? [error.code, error.exhaustedNow] : [error.code]);
      advance(60);
    }
    expect(answers).toEqual([['SESSION_KEY_STALE'], ['SESSION_KEY_STALE'], ['PAYLOAD_BUDGET_SPENT', true]]);
  });

  it('refuses a slot while spent, with the seconds until the oldest failure leaves the window', async () => {
    const { budget, advance } = setup(2);
    for (let i = 0; i < 2; i++) {
      await budget.reserve(subject, 'getUserProfile');
      await budget.spend(subject, 'getUserProfile');
      advance(100);
    }
    // The first failure was 200 s ago: it leaves the 600 s window in 400 s.
    const refused = await refusal(budget.reserve({ ...subject, sessionId: 'session-b' }, 'getUserProfile'));
    expect([refused.retryAfterSeconds, refused.exhaustedNow]).toEqual([WINDOW_SECONDS - 200, false]);
    advance(WINDOW_SECONDS - 200);
    await expect(budget.reserve({ ...subject, sessionId: 'session-b' }, 'getUserProfile')).resolves.toEqual(expect.any(String));
  });

  it('gives back the slot of a success, so successes never spend the budget', async () => {
    const { budget, held } = setup(1);
    for (let i = 0; i < 5; i++) await budget.release(await budget.reserve(subject, 'getUserProfile'));
    expect(await held()).toEqual([]);
  });

  it('counts per user: another user has a budget of their own', async () => {
    const { budget } = setup(1);
    await budget.reserve(subject, 'getPhoneNumber');
    expect(await budget.spend(subject, 'getPhoneNumber')).toBeInstanceOf(PayloadBudgetSpentError);
    await expect(budget.reserve({ ...subject, userId: 'user-b' }, 'getPhoneNumber')).resolves.toEqual(expect.any(String));
  });

  it('lets concurrent decryptions of one user hold at most `budget` slots between them', async () => {
    const { budget } = setup(3);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => budget.reserve(subject, 'getUserProfile')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof PayloadBudgetSpentError)).toHaveLength(17);
  });

  it('refuses a budget or window that could not protect anything', () => {
    const store = new InMemoryPayloadFailureStore();
    expect(() => new PayloadFailureBudget({ store, budget: 0, windowSeconds: 60, now: () => new Date() })).toThrow(TypeError);
    expect(() => new PayloadFailureBudget({ store, budget: 1, windowSeconds: 0, now: () => new Date() })).toThrow(TypeError);
  });
});

describe('InMemoryPayloadFailureStore', () => {
  it('forgets slots that left the window, so memory stays bounded', async () => {
    const store = new InMemoryPayloadFailureStore();
    const attempt = (userId: string): PayloadAttempt => ({ userId, sessionId: 's', api: 'getUserProfile' });
    await store.reserve(attempt('a'), new Date(1_000), new Date(0), 5);
    await store.reserve(attempt('b'), new Date(2_000), new Date(0), 5);
    await store.reserve(attempt('c'), new Date(10_000), new Date(5_000), 5);
    expect([await store.recent('a', new Date(0)), await store.recent('c', new Date(0))]).toEqual([[], [new Date(10_000)]]);
  });
});

it('SessionKeyStaleError carries no reason: every failure after the signature looks the same', () => {
  expect(Object.keys(new SessionKeyStaleError('getUserProfile')).sort()).toEqual(['api', 'code', 'name']);
});
