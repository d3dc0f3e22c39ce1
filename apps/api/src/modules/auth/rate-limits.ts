import { createHash } from 'node:crypto';
import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { RouteContract } from '@douyin-kit/contracts';
import { AppConfig } from '../../core/config/app-config.js';
import { CONTRACT_METADATA } from '../../core/contract/route.decorator.js';
import { AppError } from '../../core/errors/app-error.js';

/**
 * Three limits, each per minute. Two per client IP (`request.ip`: the socket's address, since Fastify does not trust
 * X-Forwarded-For here, so a client cannot pick its own bucket), each per minute:
 * - login: POST /auth/login attempts (LOGIN_RATE_LIMIT_PER_MINUTE), the route marked
 *   `@LoginRateLimit()`;
 * - admin: requests to any `auth: 'admin'` route, all of them in one bucket and counted before
 *   the key is checked (ADMIN_RATE_LIMIT_PER_MINUTE), so guessing the admin key is slow too.
 * - subscriptions: POST /me/subscriptions per session (SUBSCRIPTION_RATE_LIMIT_PER_MINUTE), the
 *   route marked `@SubscriptionRateLimit()`. Counted before the session guard runs, so the
 *   bucket is a hash of the bearer token: a real session has one bucket, a made-up token is
 *   refused by the session guard anyway. Together with SUBSCRIPTION_CREDIT_LIMIT it bounds what
 *   one user can grow the consent ledger by.
 * Over a limit: 429 RATE_LIMITED with `Retry-After`, through the global error filter.
 *
 * @nestjs/throttler rather than @fastify/rate-limit: its guard takes the limits from AppConfig
 * through DI and sees each route's metadata. Its store is in memory, per process: with N
 * instances the effective limit is N times the setting, until a shared store (Redis) backs it.
 */
const LOGIN_RATE_LIMIT = 'douyin-kit:login-rate-limit';
const SUBSCRIPTION_RATE_LIMIT = 'douyin-kit:subscription-rate-limit';

export const LoginRateLimit = (): MethodDecorator => SetMetadata(LOGIN_RATE_LIMIT, true);
export const SubscriptionRateLimit = (): MethodDecorator => SetMetadata(SUBSCRIPTION_RATE_LIMIT, true);

const isLoginRoute = (context: ExecutionContext): boolean => Reflect.getMetadata(LOGIN_RATE_LIMIT, context.getHandler()) === true;
const isSubscriptionRoute = (context: ExecutionContext): boolean => Reflect.getMetadata(SUBSCRIPTION_RATE_LIMIT, context.getHandler()) === true;

/** The session a request claims (a hash of its bearer token, never the token), or its address. */
function sessionBucket(context: ExecutionContext, tracker: string): string {
  const authorization = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
  if (typeof authorization !== 'string' || authorization === '') return `subscriptions-ip-${tracker}`;
  return `subscriptions-${createHash('sha256').update(authorization).digest('base64url')}`;
}
const isAdminRoute = (context: ExecutionContext): boolean =>
  (Reflect.getMetadata(CONTRACT_METADATA, context.getHandler()) as RouteContract | undefined)?.auth === 'admin';

export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    throttlers: [
      { name: 'login', ttl: 60_000, limit: config.rateLimits.loginPerMinute, skipIf: (context) => !isLoginRoute(context) },
      {
        name: 'admin',
        ttl: 60_000,
        limit: config.rateLimits.adminPerMinute,
        skipIf: (context) => !isAdminRoute(context),
        // The default key is per route: one bucket for every admin route instead.
        generateKey: (_context, tracker) => `admin-${tracker}`,
      },
      {
        name: 'subscriptions',
        ttl: 60_000,
        limit: config.subscriptions.ratePerMinute,
        skipIf: (context) => !isSubscriptionRoute(context),
        generateKey: sessionBucket,
      },
    ],
    // Retry-After is set by the error filter from the error's details, under its plain name
    // (the throttler's own header for a named limit would be `Retry-After-admin`).
    setHeaders: false,
  }),
});

/**
 * Registered as the first global guard, so a limited request is refused before the session
 * guard checks a token or an admin key.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !isLoginRoute(context) && !isAdminRoute(context) && !isSubscriptionRoute(context);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const what = isAdminRoute(context)
      ? 'admin requests from this address'
      : isSubscriptionRoute(context)
        ? 'subscription results from this session'
        : 'login attempts from this address';
    throw new AppError('RATE_LIMITED', `Too many ${what}: retry after Retry-After seconds`, {
      retryAfterSeconds: Math.max(1, detail.timeToBlockExpire),
    });
  }
}
