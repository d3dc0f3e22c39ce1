import { Injectable } from '@nestjs/common';
import { Clock } from '../../../core/clock/clock.js';
import type { AuthContext } from '../../../core/http/auth-context.js';
import { SessionsRepository } from '../sessions.repository.js';

/** Ends the caller's session (POST /auth/logout); the user's other sessions stay. */
@Injectable()
export class LogoutService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
  ) {}

  async logout(caller: AuthContext): Promise<{ revoked: true }> {
    await this.sessions.revoke(caller.sessionId, this.clock.now());
    return { revoked: true };
  }
}
