import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config.js';

/**
 * POST /auth/login attempts per client IP (`request.ip`: the socket's address, since Fastify
 * does not trust X-Forwarded-For here, so a client cannot pick its own bucket). Over the
 * limit: 429 RATE_LIMITED with `Retry-After`, through the global error filter.
 *
 * @nestjs/throttler rather than @fastify/rate-limit: its guard takes the limit from AppConfig
 * through DI and applies to the one route that opts in with `@UseGuards(ThrottlerGuard)`.
 * Its store is in memory, per process: with N instances the effective limit is N times the
 * setting, until a shared store (Redis) backs it.
 */
export const LoginRateLimitModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    throttlers: [{ ttl: 60_000, limit: config.rateLimits.loginPerMinute }],
    errorMessage: 'Too many login attempts from this address: retry after Retry-After seconds',
  }),
});
