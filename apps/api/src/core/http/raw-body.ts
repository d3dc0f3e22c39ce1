import { Readable } from 'node:stream';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@KeepRawBody(limit)`: the body's bytes as received, at most `limit`. */
    keepRawBody?: { limitBytes: number };
  }
  interface FastifyRequest {
    /** The body as received, on routes marked `@KeepRawBody()` only. */
    rawBody?: Buffer;
  }
}

/**
 * Marks a route whose handler needs the body's exact bytes (a signature over them): the bytes
 * are kept beside the parsed JSON, for that route only, and the route's body limit is `limitBytes`.
 */
export const KeepRawBody = (limitBytes: number): MethodDecorator => RouteConfig({ keepRawBody: { limitBytes } });

/**
 * Installs the capture: a preParsing step that reads the (size-bounded) payload into a Buffer,
 * keeps it on the request and hands the JSON parser a fresh stream of the same bytes. Every
 * other route keeps streaming its body straight into the parser.
 */
export function registerRawBodyCapture(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const keep = route.config?.keepRawBody;
    if (!keep) return;
    route.bodyLimit = keep.limitBytes;
    const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The body exceeds ${keep.limitBytes} bytes`);
    const capture = async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream) => {
      // Refused by its announced length before a byte is read: Node then discards the body and
      // the kept-alive connection stays usable. (A hook runs before Fastify's own length check.)
      if (Number(request.headers['content-length']) > keep.limitBytes) throw tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (size > keep.limitBytes) {
          // Stopped mid-body: the rest of it would be read as the next request, or leave the
          // connection stalled, so it closes after the answer.
          reply.header('connection', 'close');
          throw tooLarge();
        }
        chunks.push(bytes);
      }
      request.rawBody = Buffer.concat(chunks);
      const replay = Readable.from([request.rawBody]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = size;
      return replay;
    };
    const existing = route.preParsing;
    route.preParsing = existing ? [...(Array.isArray(existing) ? existing : [existing]), capture] : capture;
  });
}
