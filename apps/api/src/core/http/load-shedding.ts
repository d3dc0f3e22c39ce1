import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';

/** Seconds a shed client is told to wait. */
export const SHED_RETRY_AFTER_SECONDS = 2;

/** Liveness must keep answering under load, or an orchestrator would restart a busy process. */
export const NEVER_SHED: ReadonlySet<string> = new Set(['/health']);

/**
 * Turns requests away with 503 SERVER_BUSY (and Retry-After) while the process is overloaded
 * (event-loop delay, and optionally heap in use, over SHED_*), instead of queueing them without
 * bound. @fastify/under-pressure samples the process every second; its `pressureHandler` lets
 * the refusal go through the one error filter (envelope, request id, Retry-After).
 */
export function registerLoadShedding(fastify: FastifyInstance, config: AppConfig['server']): void {
  const { shedEventLoopDelayMs, shedHeapUsedBytes } = config;
  if (shedEventLoopDelayMs === 0 && shedHeapUsedBytes === 0) return;
  // Not awaited: fastify loads plugins in registration order at ready(), before the routes.
  void fastify.register(underPressure, {
    maxEventLoopDelay: shedEventLoopDelayMs,
    maxHeapUsedBytes: shedHeapUsedBytes,
    pressureHandler: (request: FastifyRequest) => {
      if (NEVER_SHED.has(request.url.split('?')[0] ?? '')) return undefined;
      return Promise.reject(
        new AppError('SERVER_BUSY', 'The server is overloaded: retry after Retry-After seconds', { retryAfterSeconds: SHED_RETRY_AFTER_SECONDS }),
      );
    },
  });
}
