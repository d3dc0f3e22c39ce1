import type { FastifyInstance } from 'fastify';

/** Marks a body that could not be parsed; platform handlers see it as empty, admin ones reject it. */
export class InvalidBody {}

/**
 * The real platform never answers a malformed body with HTTP 400: it reports missing parameters
 * in its own envelope. So parsing never throws here. JSON is the protocol's format; the oauth
 * endpoint also accepts form bodies on the real platform, so those are parsed too.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, raw, done) => {
    const text = String(raw);
    if (text.trim() === '') return done(null, undefined);
    const type = request.headers['content-type'] ?? '';
    if (type.includes('application/x-www-form-urlencoded')) {
      return done(null, Object.fromEntries(new URLSearchParams(text)));
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, new InvalidBody());
    }
  });
}
