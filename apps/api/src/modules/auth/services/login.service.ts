import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { TLoginRequest, TLoginResponse } from '@douyin-kit/contracts';
import { DouyinApiError, DouyinClient, type Code2SessionResult } from '@douyin-kit/douyin-client';
import { Clock } from '../../../core/clock/clock.js';
import { AppConfig } from '../../../core/config/app-config.js';
import { SecretBox } from '../../../core/crypto/secret-box.js';
import { PrismaService } from '../../../core/database/prisma.service.js';
import { withUniqueRetry } from '../../../core/database/unique-retry.js';
import { toUpstreamError } from '../../../core/douyin/douyin-errors.js';
import { AppError } from '../../../core/errors/app-error.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import { type LoginIdentity, type LoginPlan, planLogin } from '../../users/login-plan.js';
import { toUserOutput, type UserOutputRow } from '../../users/outputs/user.output.js';
import { type LoginRow, UsersRepository } from '../../users/users.repository.js';
import { exchangeLoginCodes } from '../login-exchange.js';
import { LoginSingleFlight } from '../login-single-flight.js';
import { SessionsRepository, sessionKeyField } from '../sessions.repository.js';
import { hashSessionToken, newSessionToken } from '../session-token.js';

type Tx = Prisma.TransactionClient;

/** About the login request: its id for log lines, the user agent stored with the session. */
export interface LoginRequestInfo {
  requestId: string;
  userAgent?: string;
}

@Injectable()
export class LoginService {
  private readonly flights = new LoginSingleFlight<TLoginResponse>();
  private readonly logger = new Logger('Login');

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
  login(input: TLoginRequest, request: LoginRequestInfo): Promise<TLoginResponse> {
    const key = createHash('sha256')
      .update(`${input.code ?? ''}\n${input.anonymousCode ?? ''}`)
      .digest('base64');
    return this.flights.run(key, () => this.loginOnce(input, request));
  }

  private async loginOnce(input: TLoginRequest, request: LoginRequestInfo): Promise<TLoginResponse> {
    const { userAgent } = request;
    const douyin = await this.exchange(input, request.requestId);
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessions.ttlSeconds * 1000);
    // Every login stores its own session_key: a payload made under an older key is detectably stale.
    // The id is chosen here, not by the INSERT, because the sealed key is bound to it.
    const sessionId = randomUUID();
    const sessionKey = douyin.sessionKey ? this.box.seal(douyin.sessionKey, sessionKeyField(sessionId)) : null;
    const identity: LoginIdentity = {
      appId: this.config.douyin.appId,
      openId: douyin.openId,
      unionId: douyin.unionId,
      anonymousOpenId: douyin.anonymousOpenId,
    };
    const session = {
      id: sessionId,
      tokenHash: hashSessionToken(token),
      sessionKey,
      expiresAt,
      userAgent,
      now,
      maxPerUser: this.config.sessions.maxPerUser,
    };
    // A returning user whose row this login leaves as it is: one read and the session INSERT,
    // no interactive transaction (the transaction costs more CPU than the rest of the login).
    const plan = planLogin(identity, await this.findCandidates(null, identity));
    if (plan.kind === 'returning') {
      await this.sessions.create(null, { userId: plan.user.id, ...session });
      return { token, expiresAt: expiresAt.toISOString(), user: toUserOutput(plan.user) };
    }
    // Two first logins of one user racing each other: the loser retries and finds the winner's row.
    const user = await withUniqueRetry(() =>
      this.prisma.$transaction(async (tx) => {
        const user = await this.execute(tx, planLogin(identity, await this.findCandidates(tx, identity)), now);
        await this.sessions.create(tx, { userId: user.id, ...session });
        return user;
      }),
    );
    return { token, expiresAt: expiresAt.toISOString(), user: toUserOutput(user) };
  }

  /** An anonymous login's plan needs no rows: nothing is read for it. */
  private async findCandidates(tx: Tx | null, identity: LoginIdentity): Promise<LoginRow[]> {
    const { openId } = identity;
    return openId ? this.users.findLoginCandidates(tx, { ...identity, openId }) : [];
  }

  /** Carries out a login's plan inside its transaction; returns the user it lands on. */
  private async execute(tx: Tx, plan: LoginPlan<LoginRow>, now: Date): Promise<UserOutputRow> {
    switch (plan.kind) {
      case 'returning':
        return plan.user;
      case 'change_union_id':
        return this.users.setUnionId(tx, plan.user.id, plan.unionId);
      case 'create':
        return this.users.create(tx, plan);
      case 'anonymous':
        return this.users.upsertAnonymous(tx, plan.appId, plan.anonymousOpenId, now);
      case 'upgrade':
        await this.sessions.revokeAllOfUser(tx, plan.anonymous.id, now);
        return this.users.upgradeAnonymous(tx, plan.anonymous.id, plan);
      case 'merge':
        await this.sessions.deleteAllOfUser(tx, plan.anonymous.id);
        await this.users.mergeAnonymous(tx, plan.anonymous.id, plan.real.id);
        return plan.unionId ? this.users.setUnionId(tx, plan.real.id, plan.unionId) : plan.real;
    }
  }

  /** Each code in its own code2session call (login-exchange.ts); the login code's failure is the login's. */
  private async exchange(input: TLoginRequest, requestId: string): Promise<Code2SessionResult> {
    try {
      return await exchangeLoginCodes(
        (codes) => this.douyin.code2Session(codes),
        input,
        (error) => {
          const detail = error instanceof DouyinApiError ? `errNo ${error.errNo}, log_id ${error.logId ?? '-'}` : (error as Error).name;
          this.logger.warn({ msg: `anonymous code exchange failed (${detail}): logged in without merging the device's anonymous user`, requestId });
        },
      );
    } catch (error) {
      if (error instanceof DouyinApiError && error.reason === 'anonymous_code_invalid') {
        throw new AppError('ANONYMOUS_CODE_INVALID', 'anonymousCode is invalid, expired or used: call tt.login again');
      }
      if (error instanceof DouyinApiError && error.reason === 'login_code_invalid') {
        throw new AppError('LOGIN_CODE_INVALID', 'code is invalid, expired or used: call tt.login again');
      }
      throw toUpstreamError(error, 'code2session');
    }
  }
}
