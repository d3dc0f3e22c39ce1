import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { TLoginRequest, TLoginResponse } from '@douyin-kit/contracts';
import { DouyinApiError, DouyinClient, type Code2SessionResult } from '@douyin-kit/douyin-client';
import { Clock } from '../../clock/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { SecretBox } from '../../crypto/secret-box.js';
import { PrismaService } from '../../database/prisma.service.js';
import { withUniqueRetry } from '../../database/unique-retry.js';
import { toUpstreamError } from '../../douyin/douyin-errors.js';
import { AppError } from '../../errors/app-error.js';
import { toUserOutput } from '../../users/outputs/user.output.js';
import { UsersRepository } from '../../users/users.repository.js';
import { LoginSingleFlight } from '../login-single-flight.js';
import { SessionsRepository, sessionKeyField } from '../sessions.repository.js';
import { hashSessionToken, newSessionToken } from '../session-token.js';

@Injectable()
export class LoginService {
  private readonly flights = new LoginSingleFlight<TLoginResponse>();

  constructor(
    private readonly douyin: DouyinClient,
    private readonly prisma: PrismaService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** tt.login's codes → a Douyin identity → the user (created or merged) and a new session. */
  login(input: TLoginRequest, userAgent?: string): Promise<TLoginResponse> {
    const key = createHash('sha256').update(`${input.code ?? ''}\n${input.anonymousCode ?? ''}`).digest('base64');
    return this.flights.run(key, () => this.loginOnce(input, userAgent));
  }

  private async loginOnce(input: TLoginRequest, userAgent?: string): Promise<TLoginResponse> {
    const identity = await this.exchange(input);
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessions.ttlSeconds * 1000);
    // Every login stores its own session_key: a payload made under an older key is detectably stale.
    // The id is chosen here, not by the INSERT, because the sealed key is bound to it.
    const sessionId = randomUUID();
    const sessionKey = identity.sessionKey ? this.box.seal(identity.sessionKey, sessionKeyField(sessionId)) : null;
    const loginIdentity = {
      appId: this.config.douyin.appId,
      openId: identity.openId || undefined,
      unionId: identity.unionId || undefined,
      anonymousOpenId: identity.anonymousOpenId || undefined,
    };
    const session = { id: sessionId, tokenHash: hashSessionToken(token), sessionKey, expiresAt, userAgent, now, maxPerUser: this.config.sessions.maxPerUser };
    // A returning user whose row this login leaves as it is: one read and the session INSERT,
    // no interactive transaction (it was most of a login's CPU; `pnpm bench`).
    const returning = await this.users.findSettledLoginUser(loginIdentity);
    if (returning) {
      await this.sessions.create(null, { userId: returning.id, ...session });
      return { token, expiresAt: expiresAt.toISOString(), user: toUserOutput(returning) };
    }
    // Two first logins of one user racing each other: the loser retries and finds the winner's row.
    const user = await withUniqueRetry(() =>
      this.prisma.$transaction(async (tx) => {
        const user = await this.users.upsertFromLogin(tx, loginIdentity, now);
        await this.sessions.create(tx, { userId: user.id, ...session });
        return user;
      }),
    );
    return { token, expiresAt: expiresAt.toISOString(), user: toUserOutput(user) };
  }

  private async exchange(input: TLoginRequest): Promise<Code2SessionResult> {
    try {
      return await this.douyin.code2Session({ code: input.code, anonymousCode: input.anonymousCode });
    } catch (error) {
      if (error instanceof DouyinApiError && error.kind === 'bad_code') {
        throw error.errNo === 40019
          ? new AppError('ANONYMOUS_CODE_INVALID', 'anonymousCode is invalid, expired or used: call tt.login again')
          : new AppError('LOGIN_CODE_INVALID', 'code is invalid, expired or used: call tt.login again');
      }
      throw toUpstreamError(error, 'code2session');
    }
  }
}
