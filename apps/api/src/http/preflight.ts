import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';

/**
 * An OPTIONS request is a CORS preflight only with both `Origin` and
 * `Access-Control-Request-Method`. @fastify/cors would answer one without them with a bare
 * text 400 (its `strictPreflight`); this onRequest hook, registered before the plugin's,
 * refuses it in the error envelope instead, naming the missing headers.
 */
export async function refuseMalformedPreflight(request: FastifyRequest): Promise<void> {
  if (request.method !== 'OPTIONS') return;
  const missing = ['origin', 'access-control-request-method'].filter((name) => typeof request.headers[name] !== 'string');
  if (missing.length === 0) return;
  throw new AppError('VALIDATION_FAILED', 'Not a valid CORS preflight request', {
    issues: missing.map((name) => ({ path: `headers.${name}`, message: 'is required in a preflight request' })),
  });
}
