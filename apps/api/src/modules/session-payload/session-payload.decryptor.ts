import { Injectable, Logger } from '@nestjs/common';
import type { Watermark } from '@douyin-kit/douyin-client';
import { DouyinSessionPayloadDecryptor, PayloadBudgetSpentError, type EncryptedPayload, type OpenPayloadOptions } from '@douyin-kit/nestjs';
import type { AuthContext } from '../../core/http/auth-context.js';
import { SessionKeys } from '../auth/session-keys.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { Clock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import { toPayloadAppError, type TtDataApi } from './session-payload-errors.js';

export type OpenOptions<T> = Omit<OpenPayloadOptions<T>, 'sessionKey'> & { api: TtDataApi };

/**
 * Opens payloads the mini-program got from tt APIs (getUserProfile, old-flow getPhoneNumber)
 * with the Douyin session_key of the caller's session, through @douyin-kit/nestjs's decryptor
 * (signature, AES, watermark, failure budget). The API's part: the key is unsealed from the
 * session per call and never returned, an anonymous session has none, a spent budget signs the
 * session out, and the module's errors become the API's error codes.
 *
 * The client chooses these ciphertexts, so every way one can fail to open gets one answer
 * (SESSION_KEY_STALE) after the same work: see SECURITY.md, "Client-encrypted payloads".
 */
@Injectable()
export class SessionPayloadDecryptor {
  private readonly logger = new Logger('PayloadFailureBudget');

  constructor(
    private readonly payloads: DouyinSessionPayloadDecryptor,
    private readonly sessionKeys: SessionKeys,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async open<T>(caller: AuthContext, payload: EncryptedPayload, options: OpenOptions<T>): Promise<T & { watermark: Watermark }> {
    try {
      return await this.payloads.open<T>(
        caller,
        { encryptedData: payload.encryptedData, iv: payload.iv },
        { ...options, sessionKey: () => this.sessionKey(caller, options.api) },
      );
    } catch (error) {
      if (error instanceof PayloadBudgetSpentError && error.exhaustedNow) await this.signOut(caller, options.api);
      throw toPayloadAppError(error);
    }
  }

  private async sessionKey(caller: AuthContext, api: TtDataApi): Promise<string> {
    const sessionKey = await this.sessionKeys.open(caller);
    if (sessionKey === null) {
      // Anonymous logins (no `code`) get no session_key, so nothing made by a tt API opens.
      throw new AppError(
        'LOGIN_REQUIRED',
        `This session comes from an anonymous login and has no Douyin session key: once the user is logged in to the host app, call tt.login, POST /auth/login with its code, then call ${api} again`,
      );
    }
    return sessionKey;
  }

  /** This request spent the user's budget: the session whose key was being probed ends, and the operator hears of it. */
  private async signOut(caller: AuthContext, api: TtDataApi): Promise<void> {
    await this.sessions.revoke(caller.sessionId, this.clock.now());
    this.logger.warn({
      msg: 'payload failure budget spent: session revoked',
      requestId: caller.requestId,
      userId: caller.userId,
      sessionId: caller.sessionId,
      api,
      failures: this.config.payloadFailures.budget,
      windowSeconds: this.config.payloadFailures.windowSeconds,
    });
  }
}
