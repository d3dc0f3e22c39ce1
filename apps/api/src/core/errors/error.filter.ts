import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { databaseFailureReason } from './database-errors.js';
import { INTERNAL_ERROR, mapError, toEnvelope } from './error-envelope.js';

const logger = new Logger('Errors');

/**
 * Writes the one error envelope for anything that escapes a handler or Fastify's own request
 * pipeline (Nest routes both here). Unknown errors are logged with the request id and
 * answered with a bare 500: the client never sees a stack trace or an internal message.
 */
function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  if (!request.raw.complete && request.raw.socket?.destroyed) {
    // The connection closed before the request was fully read (an aborted upload, or a slow one
    // cut off by HTTP_REQUEST_TIMEOUT_MS): no handler ran, nobody is left to answer, and it is
    // ordinary client behaviour, not a server fault.
    logger.log(
      `Client went away before the request was answered: ${request.method} ${request.routeOptions?.url ?? 'unknown route'} (request ${request.id})`,
    );
    return;
  }
  const mapped = mapError(error);
  if (mapped?.code === 'DATABASE_UNAVAILABLE') {
    // Expected while the database is stalled: the cause, no stack (one line per request).
    logger.warn(
      `Database unavailable on ${request.method} ${request.routeOptions?.url ?? 'unknown route'} (request ${request.id}): ${databaseFailureReason(error)}`,
    );
  }
  if (!mapped) {
    logger.error(
      `Unhandled error on ${request.method} ${request.routeOptions?.url ?? 'unknown route'} (request ${request.id})`,
      error instanceof Error ? error.stack : String(error),
    );
  }
  const { status, ...rest } = mapped ?? INTERNAL_ERROR;
  // Retry advice in the body (for the app) also goes where HTTP clients and proxies look.
  const retryAfter = (rest.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfter));
  void reply.status(status).send(toEnvelope({ status, ...rest }, request.id));
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    replyWithError(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
