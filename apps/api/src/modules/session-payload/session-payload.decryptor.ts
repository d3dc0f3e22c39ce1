import { Injectable } from '@nestjs/common';
import type { Watermark } from '@douyin-kit/douyin-client';
import type { AuthContext } from '../../core/http/auth-context.js';
import { SessionKeys } from '../auth/session-keys.js';
import { AppConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import { PayloadFailureBudget } from './payload-failure-budget.js';
import type { TtDataApi } from './session-payload-errors.js';
import { checkPayloadShape, openSessionPayload, PayloadRejected, type EncryptedPayload, type OpenSessionPayloadInput } from './session-payload.js';

export type OpenOptions<T> = Pick<OpenSessionPayloadInput<T>, 'signed' | 'accept'> & { api: TtDataApi };

/**
 * Opens payloads the mini-program got from tt APIs (getUserProfile, old-flow getPhoneNumber)
 * with the Douyin session_key of the caller's session. The key stays inside this class: it is
 * unsealed per call and never returned.
 *
 * The client chooses these ciphertexts, so every way one can fail to open gets one answer
 * (SESSION_KEY_STALE) after the same work, and each failure spends the user's budget
 * (PayloadFailureBudget): see SECURITY.md, "Client-encrypted payloads".
 */
@Injectable()
export class SessionPayloadDecryptor {
  constructor(
    private readonly sessionKeys: SessionKeys,
    private readonly config: AppConfig,
    private readonly budget: PayloadFailureBudget,
  ) {}

  async open<T>(caller: AuthContext, payload: EncryptedPayload, options: OpenOptions<T>): Promise<T & { watermark: Watermark }> {
    checkPayloadShape(payload, options.api);
    const sessionKey = await this.sessionKeys.open(caller.sessionId);
    if (sessionKey === null) {
      // Anonymous logins (no `code`) get no session_key, so nothing made by a tt API opens.
      throw new AppError(
        'LOGIN_REQUIRED',
        `This session comes from an anonymous login and has no Douyin session key: once the user is logged in to the host app, call tt.login, POST /auth/login with its code, then call ${options.api} again`,
      );
    }
    const slot = await this.budget.reserve(caller, options.api);
    let data: T & { watermark: Watermark };
    try {
      data = openSessionPayload<T>({ ...payload, ...options, sessionKey, appId: this.config.douyin.appId });
    } catch (error) {
      if (error instanceof PayloadRejected) throw await this.budget.spend(caller, options.api);
      await this.budget.release(slot);
      throw error;
    }
    await this.budget.release(slot);
    return data;
  }
}
