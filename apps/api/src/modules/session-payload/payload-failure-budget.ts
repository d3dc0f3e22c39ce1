import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../../core/http/auth-context.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { Clock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import type { AppError } from '../../core/errors/app-error.js';
import { PayloadFailuresRepository } from './payload-failures.repository.js';
import { payloadBudgetSpent, sessionKeyStale, type TtDataApi } from './session-payload-errors.js';

/**
 * How many payloads of one user may fail to open per sliding window (PAYLOAD_FAILURE_BUDGET per
 * PAYLOAD_FAILURE_WINDOW_SECONDS), counted in PostgreSQL so every instance shares it. Per user,
 * not per session: a session_key can survive a new login, so a per-session count would be reset
 * by logging in again. Each decryption holds a slot while it runs and keeps it if it fails.
 */
@Injectable()
export class PayloadFailureBudget {
  private readonly logger = new Logger('PayloadFailureBudget');

  constructor(
    private readonly failures: PayloadFailuresRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A slot for one decryption, or 429 RATE_LIMITED (nothing decrypted) when none is free. */
  async reserve(caller: AuthContext, api: TtDataApi): Promise<string> {
    const now = this.clock.now();
    const slot = await this.failures.reserve({ userId: caller.userId, sessionId: caller.sessionId, api }, now, this.windowStart(now), this.budget);
    if ('id' in slot) return slot.id;
    throw payloadBudgetSpent(api, this.retryAfterSeconds(slot.recent, now), false);
  }

  /** The decryption succeeded, or never touched the ciphertext: the slot is free again. */
  release(slot: string): Promise<void> {
    return this.failures.release(slot);
  }

  /**
   * The answer to a payload that did not open (its slot stays taken): SESSION_KEY_STALE, or,
   * once the user's budget is spent, 429 with the session revoked and a warning for the
   * operator. The same queries run for every kind of failure, so their timing says nothing.
   */
  async spend(caller: AuthContext, api: TtDataApi): Promise<AppError> {
    const now = this.clock.now();
    const recent = await this.failures.recent(caller.userId, this.windowStart(now));
    if (recent.length < this.budget) return sessionKeyStale(api);
    await this.sessions.revoke(caller.sessionId, now);
    this.logger.warn({
      msg: 'payload failure budget spent: session revoked',
      userId: caller.userId,
      sessionId: caller.sessionId,
      api,
      failures: recent.length,
      windowSeconds: this.config.payloadFailures.windowSeconds,
    });
    return payloadBudgetSpent(api, this.retryAfterSeconds(recent, now), true);
  }

  private get budget(): number {
    return this.config.payloadFailures.budget;
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.config.payloadFailures.windowSeconds * 1000);
  }

  /** Seconds until enough of `recent` (oldest first) leave the window for one slot to be free. */
  private retryAfterSeconds(recent: Date[], now: Date): number {
    const freeing = recent[Math.max(0, recent.length - this.budget)] ?? now;
    const at = freeing.getTime() + this.config.payloadFailures.windowSeconds * 1000;
    return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
  }
}
