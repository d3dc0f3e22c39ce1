import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The CSP of every JSON answer: a JSON document loads nothing, runs nothing and is never
 * framed, so everything is refused. Should a browser ever render one (a sniffed type, an
 * error page), no script, style, image or form in it can do anything. The Swagger UI page
 * sets its own, wider policy (`DOCS_PAGE_CSP` in openapi/docs-page.ts).
 */
export const API_CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/**
 * The same headers, fixed, for the few answers Fastify's router sends before any hook runs
 * (errors/framework-errors.ts: a malformed URL, an over-long parameter), which the hook never sees.
 */
export const HOOKLESS_REPLY_HEADERS: Record<string, string> = {
  'content-security-policy': Object.entries(API_CSP_DIRECTIVES)
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(' ')}`)
    .join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Helmet's headers, set to suit a JSON API: nosniff, no framing (DENY), no referrer, the strict
 * CSP above, and HSTS in production only (local development and tests speak plain HTTP, and a
 * browser that once saw HSTS for 127.0.0.1 would refuse the dev server over HTTP for a year).
 */
export function securityHeaders(options: { production: boolean }): Record<string, string> {
  const settings: HelmetOptions = {
    // Only our directives: helmet's defaults add `upgrade-insecure-requests`, which would
    // break the Swagger UI over plain HTTP in development.
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.production ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    // The mini-program and the H5 preview read answers through CORS (cors mode, unaffected by
    // CORP); `same-origin` only stops other sites embedding them as no-cors resources.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
  // Helmet stays the source of truth for the header set; it is asked once, here, with a
  // response that only records what it is given.
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(settings)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => void (failure = error));
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its settings');
  return headers;
}

/**
 * Sets the security headers on every answer that goes through Fastify's hooks: every route and
 * the 404 handler. None of them depends on the request, so they are computed once at start
 * rather than by helmet on every request. A route may still override one (the docs page's CSP).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: { production: boolean }): void {
  const headers = securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
