import type { PayloadFailureStore } from './payload-failure-store.js';
import { PayloadBudgetSpentError, SessionKeyStaleError, type TtDataApi } from './session-payload-errors.js';

/** Who is decrypting: the budget counts per user; `sessionId` names the session to end when it is spent. */
export interface PayloadSubject {
  userId: string;
  sessionId: string;
}

export interface PayloadFailureBudgetOptions {
  store: PayloadFailureStore;
  /** Failed decryptions allowed per user per window. */
  budget: number;
  windowSeconds: number;
  now: () => Date;
}

/**
 * How many payloads of one user may fail to open per sliding window. Per user, not per session:
 * a session_key can survive a new login, so a per-session count would be reset by logging in
 * again. Each decryption holds a slot while it runs and keeps it if it fails, so concurrent
 * requests can never try more than `budget` ciphertexts between them: a padding oracle needs
 * thousands of tries, this allows a handful per window.
 */
export class PayloadFailureBudget {
  constructor(private readonly options: PayloadFailureBudgetOptions) {
    if (!Number.isInteger(options.budget) || options.budget < 1) throw new TypeError('payload failure budget must be a positive integer');
    if (!(options.windowSeconds > 0)) throw new TypeError('payload failure window must be a positive number of seconds');
  }

  /** A slot for one decryption, or PayloadBudgetSpentError (nothing decrypted) when none is free. */
  async reserve(subject: PayloadSubject, api: TtDataApi): Promise<string> {
    const now = this.options.now();
    const slot = await this.options.store.reserve(
      { userId: subject.userId, sessionId: subject.sessionId, api },
      now,
      this.windowStart(now),
      this.options.budget,
    );
    if ('id' in slot) return slot.id;
    throw new PayloadBudgetSpentError(api, this.retryAfterSeconds(slot.recent, now), false);
  }

  /** The decryption succeeded, or never touched the ciphertext: the slot is free again. */
  release(slot: string): Promise<void> {
    return this.options.store.release(slot);
  }

  /**
   * The error for a payload that did not open (its slot stays taken): SessionKeyStaleError, or,
   * once the user's budget is spent, PayloadBudgetSpentError with `exhaustedNow`. The same
   * queries run for every kind of failure, so their timing says nothing.
   */
  async spend(subject: PayloadSubject, api: TtDataApi): Promise<SessionKeyStaleError | PayloadBudgetSpentError> {
    const now = this.options.now();
    const recent = await this.options.store.recent(subject.userId, this.windowStart(now));
    if (recent.length < this.options.budget) return new SessionKeyStaleError(api);
    return new PayloadBudgetSpentError(api, this.retryAfterSeconds(recent, now), true);
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.options.windowSeconds * 1000);
  }

  /** Seconds until enough of `recent` (oldest first) leave the window for one slot to be free. */
  private retryAfterSeconds(recent: Date[], now: Date): number {
    const freeing = recent[Math.max(0, recent.length - this.options.budget)] ?? now;
    const at = freeing.getTime() + this.options.windowSeconds * 1000;
    return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
  }
}
