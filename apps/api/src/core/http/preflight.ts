import type { FastifyInstance } from 'fastify';
import { toEnvelope } from '../errors/error-envelope.js';
import { HOOKLESS_REPLY_HEADERS } from '../security/security-headers.js';

/** What a preflight must carry; @fastify/cors (`strictPreflight`) refuses one without them. */
const PREFLIGHT_HEADERS = ['origin', 'access-control-request-method'];

/**
 * @fastify/cors answers a malformed preflight (an OPTIONS request without `Origin` or
 * `Access-Control-Request-Method`) itself, in its onRequest hook, with a bare text 400 that
 * never reaches the error filter (its `OPTIONS *` route sits outside Nest's routes). That
 * answer is rewritten here into the error envelope, naming the missing headers. Recognised by
 * what only it is: a text/plain 400 to an OPTIONS request (every answer of the API is JSON).
 */
export function envelopeRefusedPreflights(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (request.method !== 'OPTIONS' || reply.statusCode !== 400 || typeof type !== 'string' || !type.startsWith('text/plain')) {
      return payload;
    }
    const missing = PREFLIGHT_HEADERS.filter((name) => typeof request.headers[name] !== 'string');
    // Helmet's hook never ran: the CORS hook answered first.
    reply.headers(HOOKLESS_REPLY_HEADERS).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(
      toEnvelope(
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          message: 'Not a valid CORS preflight request',
          details: { issues: missing.map((name) => ({ path: `headers.${name}`, message: 'is required in a preflight request' })) },
        },
        request.id,
      ),
    );
  });
}
