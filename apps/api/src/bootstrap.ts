import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LogLevel } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from './config/app-config.js';
import { ErrorFilter } from './errors/error.filter.js';

/** A client-supplied request id is kept only when it is short and plain (it goes into logs). */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

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
 * e2e tests run the same pipeline: error envelope, request ids, body limit, log level and
 * graceful shutdown. Call before `app.init()`/`app.listen()`.
 */
export function bootstrap(app: NestFastifyApplication): NestFastifyApplication {
  const config = app.get(AppConfig);
  app.useLogger(LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1));

  const fastify = app.getHttpAdapter().getInstance();
  // Nest registers its routes during init, after this hook is in place.
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??= config.http.bodyLimitBytes;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  return app;
}
