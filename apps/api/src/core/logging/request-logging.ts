import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAccessLog } from './app-logger.js';

/**
 * One access line per request. The line names the route pattern, never the URL: query strings
 * and path values can carry codes and tokens. Bodies and headers are never logged.
 *
 * There is no ambient request context (AsyncLocalStorage): on Node 20 it installs async hooks
 * that run on every promise, timer and socket callback of the process, which cost about a tenth
 * of a `GET /me` (measured by turning it off under the bench's load; README, Benchmarks). The lines written while serving a request carry its id
 * explicitly instead: this line, the error filter's (which also writes an AppError's operator
 * note, e.g. Douyin's error number and log id) and the few a feature writes (it has the id from
 * `AuthContext.requestId` or `@RequestId()`).
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  const access = createAccessLog(logger);
  fastify.addHook('onResponse', (request, reply, done) => {
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    // warn, not error, for a 5xx: the cause (if unexpected) is logged at error by the error filter.
    access(line, reply.statusCode >= 500);
    done();
  });
}
