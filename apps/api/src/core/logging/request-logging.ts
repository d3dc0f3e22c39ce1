import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { requestContext } from './request-context.js';

/**
 * Puts each request's id in the async context (so every line logged while serving it carries
 * the id) and writes one access line per request. The line names the route pattern, never the
 * URL: query strings and path values can carry codes and tokens. Bodies and headers are never
 * logged.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  const access = logger.child({ context: 'Http' });
  // Entered twice because body parsing runs on the socket's callbacks, outside the context
  // entered at onRequest: preHandler restores it before guards, interceptors and the handler.
  fastify.addHook('onRequest', (request, _reply, done) => requestContext.run({ requestId: request.id }, done));
  fastify.addHook('preHandler', (request, _reply, done) => requestContext.run({ requestId: request.id }, done));
  fastify.addHook('onResponse', async (request, reply) => {
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    // warn, not error: the cause (if unexpected) is logged at error by the error filter.
    if (reply.statusCode >= 500) access.warn(line, 'request failed');
    else access.info(line, 'request completed');
  });
}
