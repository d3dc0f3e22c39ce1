import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import type { CapturedResponse } from '@douyin-kit/test-infra/secret-scan';

/**
 * Appends every answer of this app (status, headers, body) to the run's response capture,
 * which global teardown scans for secrets like the log capture. Installed after bootstrap, so
 * it sees the headers and status the app's own onSend hooks set.
 *
 * Identical answers are written once per worker (the fuzz suite fetches the OpenAPI document
 * hundreds of times): the key ignores what differs on every request (its id, the date).
 */
export function captureResponses(app: NestFastifyApplication, sink: DestinationStream): void {
  const seen = new Set<string>();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      const headers = reply.getHeaders() as Record<string, unknown>;
      const record: CapturedResponse = { route: request.routeOptions.url ?? null, status: reply.statusCode, headers, body: bodyText(payload) };
      const { date: _date, 'x-request-id': _id, 'content-length': _length, ...stable } = headers;
      const key = createHash('sha1')
        .update(JSON.stringify([record.status, stable, record.body?.split(request.id).join('')]))
        .digest('hex');
      if (!seen.has(key)) {
        seen.add(key);
        sink.write(`${JSON.stringify(record)}\n`);
      }
      return payload;
    });
}

function bodyText(payload: unknown): string | null {
  if (payload === null || payload === undefined) return null;
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return '[stream]';
}
