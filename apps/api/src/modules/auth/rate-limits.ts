import { createHash } from 'node:crypto';
import { Injectable, SetMetadata } from '@nestjs/common';
import type { RouteContract } from '@douyin-kit/contracts';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../core/config/app-config.js';
import type { RouteCheck, RouteGate } from '../../core/contract/route-pipeline.js';
import { AppError } from '../../core/errors/app-error.js';

/**
 * Three limits, each per minute. Two per client IP (`request.ip`: the socket's address unless
 * TRUST_PROXY names the proxy, so a client cannot pick its own bucket):
 * - login: POST /auth/login attempts (LOGIN_RATE_LIMIT_PER_MINUTE), the route marked
 *   `@LoginRateLimit()`;
 * - admin: requests to any `auth: 'admin'` route, all of them in one bucket and counted before
 *   the key is checked (ADMIN_RATE_LIMIT_PER_MINUTE), so guessing the admin key is slow too.
 * And one per session:
 * - subscriptions: POST /me/subscriptions (SUBSCRIPTION_RATE_LIMIT_PER_MINUTE), the route marked
 *   `@SubscriptionRateLimit()`. Counted before the session check, so the bucket is a hash of the
 *   bearer token (never the token): a real session has one bucket, a made-up token is refused by
 *   the session check anyway. With SUBSCRIPTION_CREDIT_LIMIT it bounds what one user can grow
 *   the consent ledger by.
 * Over a limit: 429 RATE_LIMITED with `Retry-After`, through the global error filter.
 *
 * The counts are in memory, per process: with N instances the effective limit is N times the
 * setting, until a shared store (Redis) backs them.
 */
const LOGIN_RATE_LIMIT = 'douyin-kit:login-rate-limit';

const SUBSCRIPTION_RATE_LIMIT = 'douyin-kit:subscription-rate-limit';

export const LoginRateLimit = (): MethodDecorator => SetMetadata(LOGIN_RATE_LIMIT, true);
export const SubscriptionRateLimit = (): MethodDecorator => SetMetadata(SUBSCRIPTION_RATE_LIMIT, true);

/** The session a request claims (a hash of its Authorization header, never the token), or its address. */
function sessionBucket(request: FastifyRequest): string {
  const { authorization } = request.headers;
  if (typeof authorization !== 'string' || authorization === '') return `ip-${request.ip}`;
  return createHash('sha256').update(authorization).digest('base64url');
}

const WINDOW_MS = 60_000;

/**
 * A fixed window per client address: the first request opens a minute, the limit counts within
 * it, and a refused client is told when it closes. O(1) per request with no allocation once a
 * client is known; windows that closed are swept once per window length, so the table holds at
 * most the addresses seen in the last two minutes.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { count: number; closesAt: number }>();
  private nextSweepAt = 0;

  constructor(readonly limit: number) {}

  /** Counts a request of `key` at `now`; null when allowed, else seconds until the window closes. */
  hit(key: string, now: number): number | null {
    if (now >= this.nextSweepAt) this.sweep(now);
    let window = this.windows.get(key);
    if (!window) {
      window = { count: 0, closesAt: now + WINDOW_MS };
      this.windows.set(key, window);
    } else if (now >= window.closesAt) {
      window.count = 0;
      window.closesAt = now + WINDOW_MS;
    }
    window.count += 1;
    return window.count <= this.limit ? null : Math.max(1, Math.ceil((window.closesAt - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now >= window.closesAt) this.windows.delete(key);
    this.nextSweepAt = now + WINDOW_MS;
  }
}

/** Runs first in every route's pipeline, so a limited request is refused before any session or admin key check. */
@Injectable()
export class RateLimits implements RouteGate {
  private readonly login: WindowCounter;
  private readonly admin: WindowCounter;
  private readonly subscriptions: WindowCounter;

  constructor(config: AppConfig) {
    this.login = new WindowCounter(config.rateLimits.loginPerMinute);
    this.admin = new WindowCounter(config.rateLimits.adminPerMinute);
    this.subscriptions = new WindowCounter(config.subscriptions.ratePerMinute);
  }

  forRoute(contract: RouteContract | undefined, handler: object): RouteCheck | null {
    if (contract?.auth === 'admin') return (request) => this.check(this.admin, request.ip, 'admin requests from this address');
    if (Reflect.getMetadata(LOGIN_RATE_LIMIT, handler) === true) {
      return (request) => this.check(this.login, request.ip, 'login attempts from this address');
    }
    if (Reflect.getMetadata(SUBSCRIPTION_RATE_LIMIT, handler) === true) {
      return (request) => this.check(this.subscriptions, sessionBucket(request), 'subscription results from this session');
    }
    return null;
  }

  private check(counter: WindowCounter, key: string, what: string): void {
    const retryAfterSeconds = counter.hit(key, Date.now());
    if (retryAfterSeconds !== null) {
      throw new AppError('RATE_LIMITED', `Too many ${what}: retry after Retry-After seconds`, { retryAfterSeconds });
    }
  }
}
