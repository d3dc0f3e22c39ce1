import { Injectable } from '@nestjs/common';
import type { RouteContract } from '@douyin-kit/contracts';
import type { FastifyRequest } from 'fastify';
import { Clock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import type { RouteCheck, RouteGate } from '../../core/contract/route-pipeline.js';
import { AppError } from '../../core/errors/app-error.js';
import { ADMIN_KEY_HEADER, assertAdminKey } from './admin-key.js';
import { SessionsRepository } from './sessions.repository.js';
import { hashSessionToken, looksLikeSessionToken } from './session-token.js';

/**
 * How stale `sessions.last_used_at` may get: it is written at most once per interval per
 * session, not on every request (a write per request would double the cost of a read route).
 */
export const LAST_USED_INTERVAL_MS = 5 * 60_000;

/**
 * Auth for every route, in the one route pipeline (core/contract/route-pipeline.ts): a route is
 * open only if its contract says `auth: 'public'`; `auth: 'admin'` routes need the admin key;
 * every other route (including a handler bound without `@Route`) needs a live session token,
 * and the caller it identifies is the only user the route may act on.
 */
@Injectable()
export class SessionGuard implements RouteGate {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  forRoute(contract: RouteContract | undefined): RouteCheck | null {
    if (contract?.auth === 'public') return null;
    if (contract?.auth === 'admin') {
      return (request) => assertAdminKey(request.headers[ADMIN_KEY_HEADER], this.config.admin.apiKey);
    }
    return (request) => this.authenticate(request);
  }

  private async authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <token> from POST /auth/login');
    const now = this.clock.now();
    const session = await this.sessions.findActive(hashSessionToken(token), now);
    // One deployment serves one mini-program: a session of another app's user (deployments
    // sharing a database) is not a session here.
    if (!session || session.user.appId !== this.config.douyin.appId) {
      throw new AppError('UNAUTHENTICATED', 'Session is unknown, expired or revoked: log in again');
    }
    const notSince = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
    if (!session.lastUsedAt || session.lastUsedAt < notSince) await this.sessions.touch(session.id, now, notSince);
    request.auth = { sessionId: session.id, userId: session.userId, appId: session.user.appId, requestId: request.id };
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return match?.[1] && looksLikeSessionToken(match[1]) ? match[1] : null;
}
