import type { PayloadAttempt, PayloadFailureStore } from '@douyin-kit/nestjs';
import { PrismaService } from '../database/prisma.service.js';

/**
 * First half of the two-int advisory lock key of a user's budget, apart from every other lock
 * of the database (the token store of @douyin-kit/douyin-client uses 0x44594b54); the second half is hashtext(user id). A collision
 * between two users only makes their attempts take turns.
 */
const LOCK_NAMESPACE = 0x44595046; // "DYPF"

/** Old rows of anyone deleted per reservation: bounded work that keeps up with the inserts. */
const PRUNE_BATCH = 50;

const LOCK_USER = 'SELECT pg_advisory_xact_lock($1::int4, hashtext($2::text))';

/**
 * Prunes up to $7 rows of anyone older than the window (SKIP LOCKED: concurrent reservations
 * take other rows instead of waiting), then inserts the slot only when the user has fewer than
 * $6 rows in the window, answering the slot's id (or null) and the user's rows before it.
 */
const RESERVE = `
  WITH pruned AS (
    DELETE FROM payload_failures WHERE id IN (
      SELECT id FROM payload_failures WHERE created_at <= $5 ORDER BY created_at LIMIT $7 FOR UPDATE SKIP LOCKED)),
  recent AS (
    SELECT created_at FROM payload_failures WHERE user_id = $1::uuid AND created_at > $5),
  slot AS (
    INSERT INTO payload_failures (user_id, session_id, api, created_at)
    SELECT $1::uuid, $2::uuid, $3::varchar, $4::timestamptz WHERE (SELECT count(*) FROM recent) < $6
    RETURNING id)
  SELECT (SELECT id FROM slot) AS id, array(SELECT created_at FROM recent ORDER BY created_at) AS recent`;

/**
 * The session-payload failure budget's store (@douyin-kit/nestjs) on the rows of
 * `payload_failures`: one per failed (or running) decryption of a user's payload, counted in
 * PostgreSQL so every instance of the API shares the budget.
 */
export class PostgresPayloadFailureStore implements PayloadFailureStore {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Takes a slot for one decryption when the user has fewer than `budget` rows since `since`,
   * returning the new row's id; otherwise takes none and returns the times of the user's rows.
   * Under a per-user transaction lock, so concurrent requests of one user on any instance take
   * turns and can never decrypt more than `budget` payloads between them. On one pooled pg
   * connection (Prisma's interactive transactions cost several times more per call); the lock
   * goes with the transaction, also when the connection is lost.
   */
  async reserve(attempt: PayloadAttempt, now: Date, since: Date, budget: number): Promise<{ id: string } | { recent: Date[] }> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query({ name: 'payloadFailures.lock', text: LOCK_USER, values: [LOCK_NAMESPACE, attempt.userId] });
      const { rows } = await client.query<{ id: string | null; recent: Date[] }>({
        name: 'payloadFailures.reserve',
        text: RESERVE,
        values: [attempt.userId, attempt.sessionId, attempt.api, now, since, budget, PRUNE_BATCH],
      });
      await client.query('COMMIT');
      const { id, recent } = rows[0]!;
      return id ? { id } : { recent };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The times of the user's rows since `since`, oldest first. */
  async recent(userId: string, since: Date): Promise<Date[]> {
    const { rows } = await this.prisma.pool.query<{ created_at: Date }>({
      name: 'payloadFailures.recent',
      text: 'SELECT created_at FROM payload_failures WHERE user_id = $1::uuid AND created_at > $2 ORDER BY created_at',
      values: [userId, since],
    });
    return rows.map((row) => row.created_at);
  }

  /** Gives a slot back: the decryption succeeded, or never started. */
  async release(id: string): Promise<void> {
    await this.prisma.pool.query({ name: 'payloadFailures.release', text: 'DELETE FROM payload_failures WHERE id = $1::uuid', values: [id] });
  }
}
