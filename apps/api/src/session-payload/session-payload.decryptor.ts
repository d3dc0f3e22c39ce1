import { Injectable } from '@nestjs/common';
import type { Watermark } from '@douyin-kit/douyin-client';
import { SessionKeys } from '../auth/session-keys.js';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { openSessionPayload, type EncryptedPayload, type OpenSessionPayloadInput } from './session-payload.js';

/**
 * Opens payloads the mini-program got from tt APIs (getUserProfile, old-flow getPhoneNumber)
 * with the Douyin session_key of the caller's session. The key stays inside this class: it is
 * unsealed per call and never returned.
 */
@Injectable()
export class SessionPayloadDecryptor {
  constructor(
    private readonly sessionKeys: SessionKeys,
    private readonly config: AppConfig,
  ) {}

  async open<T>(
    sessionId: string,
    payload: EncryptedPayload,
    options: Pick<OpenSessionPayloadInput, 'api' | 'signed'>,
  ): Promise<T & { watermark: Watermark }> {
    const sessionKey = await this.sessionKeys.open(sessionId);
    if (sessionKey === null) {
      // Anonymous logins (no `code`) get no session_key, so nothing made by a tt API opens.
      throw new AppError(
        'LOGIN_REQUIRED',
        `This session comes from an anonymous login and has no Douyin session key: once the user is logged in to the host app, call tt.login, POST /auth/login with its code, then call ${options.api} again`,
      );
    }
    return openSessionPayload<T>({
      encryptedData: payload.encryptedData,
      iv: payload.iv,
      sessionKey,
      appId: this.config.douyin.appId,
      ...options,
    });
  }
}
