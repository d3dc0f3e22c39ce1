import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

/**
 * First half of the two-int advisory lock key of a user's budget, apart from every other lock
 * of the database (see pg-token-store.ts); the second half is hashtext(user id). A collision
 * between two users only makes their attempts take turns.
 */
const LOCK_NAMESPACE = 0x44595046; // "DYPF"

/** Old rows of anyone deleted per reservation: bounded work that keeps up with the inserts. */
const PRUNE_BATCH = 50;

export interface PayloadAttempt {
  userId: string;
  sessionId: string;
  api: string;
}

/** The rows of `payload_failures`: one per failed (or running) decryption of a user's payload. */
@Injectable()
export class PayloadFailuresRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Takes a slot for one decryption when the user has fewer than `budget` rows since `since`,
   * returning the new row's id; otherwise takes none and returns the times of the user's rows.
   * Under a per-user transaction lock, so concurrent requests of one user on any instance take
   * turns and can never decrypt more than `budget` payloads between them.
   */
  async reserve(attempt: PayloadAttempt, now: Date, since: Date, budget: number): Promise<{ id: string } | { recent: Date[] }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int4, hashtext(${attempt.userId}))`;
      // SKIP LOCKED: two reservations pruning at once each take other rows instead of waiting.
      const rows = await tx.$queryRaw<{ created_at: Date }[]>`
        WITH pruned AS (
          DELETE FROM payload_failures WHERE id IN (
            SELECT id FROM payload_failures WHERE created_at <= ${since}
            ORDER BY created_at LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED))
        SELECT created_at FROM payload_failures
        WHERE user_id = ${attempt.userId}::uuid AND created_at > ${since}
        ORDER BY created_at`;
      if (rows.length >= budget) return { recent: rows.map((row) => row.created_at) };
      const [inserted] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO payload_failures (user_id, session_id, api, created_at)
        VALUES (${attempt.userId}::uuid, ${attempt.sessionId}::uuid, ${attempt.api}, ${now})
        RETURNING id`;
      return { id: inserted!.id };
    });
  }

  /** The times of the user's rows since `since`, oldest first. */
  async recent(userId: string, since: Date): Promise<Date[]> {
    const rows = await this.prisma.$queryRaw<{ created_at: Date }[]>`
      SELECT created_at FROM payload_failures WHERE user_id = ${userId}::uuid AND created_at > ${since} ORDER BY created_at`;
    return rows.map((row) => row.created_at);
  }

  /** Gives a slot back: the decryption succeeded, or never started. */
  async release(id: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM payload_failures WHERE id = ${id}::uuid`;
  }
}
