import type { SessionsRepository } from '../auth/sessions.repository.js';
import type { Clock } from '../../core/clock/clock.js';
import type { AppConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import { PayloadFailureBudget } from './payload-failure-budget.js';
import type { PayloadAttempt, PayloadFailuresRepository } from './payload-failures.repository.js';

const caller = { userId: 'user-a', sessionId: 'session-a', appId: 'tt_app' };
const WINDOW_SECONDS = 600;

/** The budget on an in-memory table that does what the repository's SQL does. */
function setup(budget = 3) {
  let now = new Date('2026-01-02T03:00:00Z');
  const rows: (PayloadAttempt & { id: string; createdAt: Date })[] = [];
  const revoked: string[] = [];
  const recent = (userId: string, since: Date) => rows.filter((r) => r.userId === userId && r.createdAt > since).map((r) => r.createdAt);
  const failures = {
    reserve: async (attempt: PayloadAttempt, at: Date, since: Date, limit: number) => {
      const taken = recent(attempt.userId, since);
      if (taken.length >= limit) return { recent: taken };
      const id = `slot-${rows.length}`;
      rows.push({ ...attempt, id, createdAt: at });
      return { id };
    },
    recent: async (userId: string, since: Date) => recent(userId, since),
    release: async (id: string) =>
      void rows.splice(
        rows.findIndex((r) => r.id === id),
        1,
      ),
  } as unknown as PayloadFailuresRepository;
  const sessions = { revoke: async (id: string) => void revoked.push(id) } as unknown as SessionsRepository;
  const config = { payloadFailures: { budget, windowSeconds: WINDOW_SECONDS } } as AppConfig;
  const clock: Clock = { now: () => now };
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  return { budget: new PayloadFailureBudget(failures, sessions, config, clock), rows, revoked, advance };
}

async function refusal(run: Promise<unknown>): Promise<AppError> {
  const error = await run.catch((e: unknown) => e);
  if (error instanceof AppError) return error;
  throw new Error(`expected an AppError, got ${String(error)}`);
}

describe('PayloadFailureBudget', () => {
  it('answers SESSION_KEY_STALE until the budget is spent, then revokes the session with a 429', async () => {
    const { budget, revoked, advance } = setup(3);
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) {
      await budget.reserve(caller, 'getPhoneNumber');
      answers.push((await budget.spend(caller, 'getPhoneNumber')).code);
      advance(60);
    }
    expect(answers).toEqual(['SESSION_KEY_STALE', 'SESSION_KEY_STALE', 'RATE_LIMITED']);
    expect(revoked).toEqual(['session-a']);
  });

  it('refuses a slot while spent, with the seconds until the oldest failure leaves the window', async () => {
    const { budget, advance } = setup(2);
    for (let i = 0; i < 2; i++) {
      await budget.reserve(caller, 'getUserProfile');
      await budget.spend(caller, 'getUserProfile');
      advance(100);
    }
    // The first failure was 200 s ago: it leaves the 600 s window in 400 s.
    const refused = await refusal(budget.reserve({ ...caller, sessionId: 'session-b' }, 'getUserProfile'));
    expect([refused.code, refused.details]).toEqual(['RATE_LIMITED', { retryAfterSeconds: WINDOW_SECONDS - 200 }]);
    advance(WINDOW_SECONDS - 200);
    await expect(budget.reserve({ ...caller, sessionId: 'session-b' }, 'getUserProfile')).resolves.toEqual(expect.any(String));
  });

  it('gives back the slot of a success, so successes never spend the budget', async () => {
    const { budget, rows } = setup(1);
    for (let i = 0; i < 5; i++) await budget.release(await budget.reserve(caller, 'getUserProfile'));
    expect(rows).toEqual([]);
  });

  it('counts per user: another user has a budget of their own', async () => {
    const { budget } = setup(1);
    await budget.reserve(caller, 'getPhoneNumber');
    await budget.spend(caller, 'getPhoneNumber');
    await expect(budget.reserve({ ...caller, userId: 'user-b' }, 'getPhoneNumber')).resolves.toEqual(expect.any(String));
  });
});
