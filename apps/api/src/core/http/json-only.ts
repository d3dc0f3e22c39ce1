import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

/**
 * Every route speaks JSON, and one hook decides what a request's body may be:
 * - No body: tt.request sends `content-type: application/json` by default, also on GET and
 *   DELETE, and Fastify refuses a JSON content type with an empty body (a 400). Such a request
 *   drops the header before parsing.
 * - A body: only application/json. Nest registers a form parser and Fastify a plain-text one, so
 *   a form post (`anonymousCode=…`) was parsed and served: a shape no contract describes, and one
 *   a browser may send cross-site without a CORS preflight. Any other media type is refused with
 *   415 before it is parsed; a body without a content type Fastify refuses itself. A JSON body
 *   still goes through Fastify's parser (with its prototype-poisoning checks).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const { headers } = request;
    const type = headers['content-type'];
    if (type === undefined) return done();
    const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';
    if (!hasBody) {
      delete headers['content-type'];
    } else if (type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
      return done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'));
    }
    done();
  });
}
