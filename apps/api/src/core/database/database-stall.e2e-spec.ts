import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { Client } from 'pg';
import { signUp, type ApiUser } from '../../../test/api-user.js';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { rawRequest, type RawAnswer } from '../../../test/raw-http.js';
import { createScratchDatabase } from '../../../test/scratch-database.js';
import { runMigrations } from './migrations/migration-runner.js';

/** The acceptance bound: a stalled database is an answer within this, never a hang. */
const ANSWER_WITHIN_MS = 5000;
const PARALLEL = 200;

/**
 * A database of its own (a locked `users` table would stall every other suite of the run on the
 * shared one), and the API on it with its default database timeouts.
 */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let running: RunningApp;
let user: ApiUser;
beforeAll(async () => {
  scratch = await createScratchDatabase('stall');
  await runMigrations({ connectionString: scratch.url });
  running = await startApp({ DATABASE_URL: scratch.url });
  user = await signUp(running);
}, 60_000);
afterAll(async () => {
  await running?.close();
  await scratch?.drop();
});

async function timed(path: string, token: string): Promise<{ answer: RawAnswer; ms: number }> {
  const started = Date.now();
  const answer = await rawRequest(running.baseUrl, 'GET', path, undefined, { authorization: `Bearer ${token}` });
  return { answer, ms: Date.now() - started };
}

/** Holds ACCESS EXCLUSIVE on `users` in an open transaction until `release`. */
async function lockUsers(): Promise<{ release: () => Promise<void> }> {
  const holder = new Client({ connectionString: scratch.url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

describe('a stalled database', () => {
  it(`answers ${PARALLEL} parallel requests on a locked users table with 503 DATABASE_UNAVAILABLE and Retry-After within ${ANSWER_WITHIN_MS} ms each, and recovers once the lock is gone`, async () => {
    expect((await timed('/me', user.token)).answer).toMatchObject({ status: 200 });

    const lock = await lockUsers();
    let answers: { answer: RawAnswer; ms: number }[];
    try {
      answers = await Promise.all(Array.from({ length: PARALLEL }, () => timed('/me', user.token)));
      // Still locked: the API has not recovered by luck.
      expect((await timed('/me', user.token)).answer).toMatchObject({ status: 503 });
    } finally {
      await lock.release();
    }

    for (const { answer, ms } of answers) {
      if ('error' in answer) throw new Error(`connection failed: ${answer.error}`);
      expect(answer.status).toBe(503);
      expect(ZErrorEnvelope.parse(answer.body).error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', requestId: answer.headers['x-request-id'] });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    }

    const recovered = await Promise.all(Array.from({ length: 20 }, () => timed('/me', user.token)));
    for (const { answer } of recovered) expect(answer).toMatchObject({ status: 200 });
  }, 60_000);

  it('answers 503 DATABASE_UNAVAILABLE when the database cannot be reached at all, while /health stays 200', async () => {
    const unreachable = await startApp({ DATABASE_URL: 'postgresql://nobody:pw@127.0.0.1:1/none' });
    try {
      const started = Date.now();
      const answer = await rawRequest(unreachable.baseUrl, 'GET', '/me', undefined, { authorization: `Bearer ${user.token}` });
      expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE' } } });
      expect(JSON.stringify(answer)).not.toContain('pw@');
      expect((await fetch(`${unreachable.baseUrl}/health`)).status).toBe(200);
    } finally {
      await unreachable.close();
    }
  });
});
