import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HOOKLESS_REPLY_HEADERS } from '../security/security-headers.js';
import { INTERNAL_ERROR, mapError, toEnvelope } from './error-envelope.js';

/**
 * Fastify's `frameworkErrors`: the router answers a malformed URL (`/x/%E0%A4%A`) or an
 * over-long path parameter itself, before any hook runs and outside Nest's exception layer, so
 * without this those answers had Fastify's own body (quoting the URL back) and no request id.
 * They get the one error envelope here; the request id and security headers are set by hand
 * because no hook (onSend, helmet) runs for them either.
 */
export function replyToFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, ...rest } = mapError(error) ?? INTERNAL_ERROR;
  void reply
    .code(status)
    .headers(HOOKLESS_REPLY_HEADERS)
    .header('x-request-id', request.id)
    .send(toEnvelope({ status, ...rest }, request.id));
}
