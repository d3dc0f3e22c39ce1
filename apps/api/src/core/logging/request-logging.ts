import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { requestContext, type RequestContext } from './request-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's log context (request-context.ts), entered again before the handler. */
    logContext: RequestContext | null;
  }
}

/**
 * Puts each request's id in the async context (so every line logged while serving it carries
 * the id) and writes one access line per request. The line names the route pattern, never the
 * URL: query strings and path values can carry codes and tokens. Bodies and headers are never
 * logged.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  const access = logger.child({ context: 'Http' });
  // Declared up front, so every request object has the same shape.
  fastify.decorateRequest('logContext', null);
  // Entered twice because body parsing runs on the socket's callbacks, outside the context
  // entered at onRequest: preHandler restores it (the same object) before the route's checks
  // and the handler.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context = { requestId: request.id };
    request.logContext = context;
    requestContext.run(context, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => requestContext.run(request.logContext ?? { requestId: request.id }, done));
  fastify.addHook('onResponse', (request, reply, done) => {
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
    done();
  });
}
