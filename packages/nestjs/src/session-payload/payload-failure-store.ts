/** One decryption attempt of a user's payload, as the failure budget records it. */
export interface PayloadAttempt {
  userId: string;
  sessionId: string;
  api: string;
}

/**
 * Where the failure budget keeps its slots: one row per failed (or running) decryption. Every
 * instance of the app must share one store, or each instance grants the budget again; the
 * in-memory default is for one process. `reserve` must be atomic per user: concurrent calls of
 * one user take turns, so together they never hold more than `budget` slots.
 */
export interface PayloadFailureStore {
  /**
   * Takes a slot when the user has fewer than `budget` slots newer than `since`, returning its id;
   * otherwise takes none and returns the times of the user's slots since `since`, oldest first.
   */
  reserve(attempt: PayloadAttempt, now: Date, since: Date, budget: number): Promise<{ id: string } | { recent: Date[] }>;
  /** The times of the user's slots newer than `since`, oldest first. */
  recent(userId: string, since: Date): Promise<Date[]>;
  /** Gives a slot back: the decryption succeeded, or never touched the ciphertext. */
  release(id: string): Promise<void>;
}

/** A process-local PayloadFailureStore: enough for one instance and for tests. */
export class InMemoryPayloadFailureStore implements PayloadFailureStore {
  private readonly slots = new Map<string, { userId: string; at: Date }>();
  private nextId = 0;

  async reserve(attempt: PayloadAttempt, now: Date, since: Date, budget: number): Promise<{ id: string } | { recent: Date[] }> {
    this.prune(since);
    // Synchronous from here to the insert: no other call can interleave (one event loop).
    const recent = this.recentSync(attempt.userId, since);
    if (recent.length >= budget) return { recent };
    const id = String(++this.nextId);
    this.slots.set(id, { userId: attempt.userId, at: now });
    return { id };
  }

  async recent(userId: string, since: Date): Promise<Date[]> {
    return this.recentSync(userId, since);
  }

  async release(id: string): Promise<void> {
    this.slots.delete(id);
  }

  private recentSync(userId: string, since: Date): Date[] {
    return [...this.slots.values()]
      .filter((slot) => slot.userId === userId && slot.at > since)
      .map((slot) => slot.at)
      .sort((a, b) => a.getTime() - b.getTime());
  }

  /** Slots older than the window count for nobody: dropped so memory stays bounded by the window. */
  private prune(since: Date): void {
    for (const [id, slot] of this.slots) if (slot.at <= since) this.slots.delete(id);
  }
}
