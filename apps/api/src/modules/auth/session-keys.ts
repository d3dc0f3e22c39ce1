import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../core/clock/clock.js';
import { SealedValueError, SecretBox } from '../../core/crypto/secret-box.js';
import { AppError } from '../../core/errors/app-error.js';
import type { AuthContext } from '../../core/http/auth-context.js';
import { SessionsRepository, sessionKeyField } from './sessions.repository.js';

/**
 * The Douyin session_key of a session, unsealed for one use. A stored key that does not open
 * (its data key left the ring, or it was damaged or copied from another session) makes the
 * session useless for payloads: it is revoked and the caller is told to log in again, which
 * stores a fresh key. The operator gets a log line naming the session, never the key.
 */
@Injectable()
export class SessionKeys {
  private readonly logger = new Logger('SessionKeys');

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** The caller's session_key, or null for a session from an anonymous login (it has none). */
  async open(caller: Pick<AuthContext, 'sessionId' | 'requestId'>): Promise<string | null> {
    const { sessionId, requestId } = caller;
    const sealed = await this.sessions.sealedSessionKey(sessionId);
    if (!sealed) return null;
    try {
      return this.box.open(sealed, sessionKeyField(sessionId)).toString('utf8');
    } catch (error) {
      if (!(error instanceof SealedValueError)) throw error;
      this.logger.warn({
        msg: 'stored session key cannot be opened; session revoked',
        requestId,
        sessionId,
        keyId: sealed.keyId,
        reason: error.reason,
      });
      await this.sessions.revoke(sessionId, this.clock.now());
      throw new AppError('UNAUTHENTICATED', 'This session can no longer be used: log in again');
    }
  }
}
