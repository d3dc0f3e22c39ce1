import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import { databaseFailureReason } from './database-errors.js';
import { INTERNAL_ERROR, mapError, toEnvelope } from './error-envelope.js';

const logger = new Logger('Errors');

/**
 * Writes the one error envelope for anything that escapes a handler or Fastify's own request
 * pipeline (Nest routes both here). Unknown errors are logged with the request id and
 * answered with a bare 500: the client never sees a stack trace or an internal message. An
 * AppError's operator note (`log`, e.g. Douyin's error number and log id) is written here too.
 */
function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  // Every line names the request: there is no ambient request context (logging/request-logging.ts).
  const where = { requestId: request.id, method: request.method, route: request.routeOptions?.url ?? null };
  if (!request.raw.complete && request.raw.socket?.destroyed) {
    // The connection closed before the request was fully read (an aborted upload, or a slow one
    // cut off by HTTP_REQUEST_TIMEOUT_MS): no handler ran, nobody is left to answer, and it is
    // ordinary client behaviour, not a server fault.
    logger.log({ msg: 'Client went away before the request was answered', ...where });
    return;
  }
  const mapped = mapError(error);
  if (error instanceof AppError && error.log) logger[error.log.level]({ msg: error.log.message, ...where });
  if (mapped?.code === 'DATABASE_UNAVAILABLE') {
    // Expected while the database is stalled: the cause, no stack (one line per request).
    logger.warn({ msg: `Database unavailable: ${databaseFailureReason(error)}`, ...where });
  }
  if (!mapped) logger.error({ msg: 'Unhandled error', ...where }, error instanceof Error ? error.stack : String(error));
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
