import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { AppConfig } from './core/config/app-config.js';
import { registerContractPipeline, ROUTE_GATES, type RouteGate } from './core/contract/route-pipeline.js';
import { ErrorFilter } from './core/errors/error.filter.js';
import { replyToFrameworkError } from './core/errors/framework-errors.js';
import { HttpDrain, registerDrainHooks } from './core/lifecycle/http-drain.js';
import { replyToClientError } from './core/http/client-errors.js';
import { acceptJsonBodiesOnly } from './core/http/json-only.js';
import { registerRawBodyCapture } from './core/http/raw-body.js';
import { registerLoadShedding } from './core/http/load-shedding.js';
import { envelopeRefusedPreflights } from './core/http/preflight.js';
import { AppLogger } from './core/logging/app-logger.js';
import { RouteDiscovery } from './core/openapi/route-discovery.js';
import { registerRequestLogging } from './core/logging/request-logging.js';
import { registerSecurityHeaders } from './core/security/security-headers.js';

/** A client-supplied request id is kept only when it is short and plain (it goes into logs). */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Node checks its header and request deadlines on a timer; its default period (30 s) would let
 * a slow client outlive a short deadline by that much.
 */
const DEADLINE_CHECK_INTERVAL_MS = 1000;

/**
 * The Fastify instance under Nest. Slow clients are bounded (HTTP_*_TIMEOUT_MS): the headers
 * must arrive within `headersTimeout`, the whole request within `requestTimeout` (a slow upload
 * is cut off; the handler's own time is not counted), and a silent socket is closed after
 * `connectionTimeout`. Node's own parser errors answer in the error envelope
 * (http/client-errors.ts). TRUST_PROXY decides whose X-Forwarded-For sets `request.ip`.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const { requestTimeoutMs, headersTimeoutMs, connectionTimeoutMs, trustProxy } = config.server;
  const options: FastifyHttpOptions<Server> = {
    logger: false,
    requestTimeout: requestTimeoutMs,
    connectionTimeout: connectionTimeoutMs,
    http: { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: DEADLINE_CHECK_INTERVAL_MS },
    clientErrorHandler: replyToClientError,
    ...(trustProxy === false ? {} : { trustProxy }),
    // Malformed URLs and over-long path parameters get the error envelope too.
    frameworkErrors: replyToFrameworkError,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    },
  };
  return new FastifyAdapter(options);
}

/**
 * Everything the API needs beyond its modules, applied in one place so `main.ts` and the
 * e2e tests run the same pipeline: error envelope, request ids, body limit, structured logs,
 * security headers, every route's contract pipeline (rate limits, auth, validation, response
 * filter) and graceful shutdown. Call before `app.init()`/`app.listen()`.
 */
export function bootstrap(app: NestFastifyApplication): NestFastifyApplication {
  const config = app.get(AppConfig);
  // The contracts are zod/mini (it keeps the mini-program small), which loads no locale:
  // without this, every validation issue would read just "Invalid input".
  z.config(z.locales.en());
  // JSON lines with the request id and secrets redacted; LOG_LEVEL filters inside it.
  const logger = app.get(AppLogger);
  app.useLogger(logger);

  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify, logger.pino);
  // Before any hook that may refuse a request, so refusals carry the headers too.
  registerSecurityHeaders(fastify, { production: config.env === 'production' });
  acceptJsonBodiesOnly(fastify);
  registerDrainHooks(fastify, app.get(HttpDrain));
  registerLoadShedding(fastify, config.server);
  // Nest registers its routes during init, after this hook is in place.
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??= config.http.bodyLimitBytes;
  });
  registerRawBodyCapture(fastify);
  // The properties the pipeline and the raw-body capture set on a request, declared up front
  // (Fastify's advice): every request object keeps one shape, so V8's property accesses on
  // requests stay monomorphic instead of growing a new shape per property added mid-request.
  fastify.decorateRequest('auth', undefined);
  fastify.decorateRequest('successStatus', undefined);
  fastify.decorateRequest('rawBody', undefined);
  registerContractPipeline(fastify, app.get(RouteDiscovery).routes(), app.get<symbol, RouteGate[]>(ROUTE_GATES));
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // A route whose success status depends on the outcome (201 created / 200 existing):
    // Nest applies the contract's fixed status after the handler, so the choice lands here.
    if (request.successStatus !== undefined && reply.statusCode < 300) reply.code(request.successStatus);
    done(null, payload);
  });

  // Only the listed browser origins (the H5 preview) may read responses; admin routes stay
  // out of reach of browsers because `x-admin-key` is not an allowed header.
  if (config.http.corsOrigins.length) {
    app.enableCors({
      origin: [...config.http.corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
    envelopeRefusedPreflights(fastify);
  }

  app.useGlobalFilters(new ErrorFilter());
  // On SIGTERM/SIGINT: the hooks drain requests and sends (HttpDrain, NotificationQueue), then
  // the process exits 0 rather than re-raising the signal, so a clean stop reads as one.
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}
