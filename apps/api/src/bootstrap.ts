import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from './config/app-config.js';
import { ErrorFilter } from './errors/error.filter.js';
import { AppLogger } from './logging/app-logger.js';
import { registerRequestLogging } from './logging/request-logging.js';

/** A client-supplied request id is kept only when it is short and plain (it goes into logs). */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
}

/**
 * Everything the API needs beyond its modules, applied in one place so `main.ts` and the
 * e2e tests run the same pipeline: error envelope, request ids, body limit, structured logs
 * and graceful shutdown. Call before `app.init()`/`app.listen()`.
 */
export function bootstrap(app: NestFastifyApplication): NestFastifyApplication {
  const config = app.get(AppConfig);
  // JSON lines with the request id and secrets redacted; LOG_LEVEL filters inside it.
  const logger = app.get(AppLogger);
  app.useLogger(logger);

  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify, logger.pino);
  // Nest registers its routes during init, after this hook is in place.
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??= config.http.bodyLimitBytes;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A route whose success status depends on the outcome (201 created / 200 existing):
    // Nest applies the contract's fixed status after the handler, so the choice lands here.
    if (request.successStatus !== undefined && reply.statusCode < 300) reply.code(request.successStatus);
  });

  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  return app;
}
