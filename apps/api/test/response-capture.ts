import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';

/** One answer of a test app, as written to the run's response capture file. */
interface CapturedResponse {
  route: string | null;
  status: number;
  headers: Record<string, unknown>;
  /** The body as sent; `null` for none, a marker for streamed files (the docs' static assets). */
  body: string | null;
}

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
  app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply, payload) => {
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

/**
 * The captured answers as one text to scan (bodies and header values, unescaped), and the
 * session tokens the API handed out, which the logs must never show.
 */
export async function readCapturedResponses(file: string): Promise<{ text: string; sessionTokens: string[] }> {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const parts: string[] = [];
  const sessionTokens: string[] = [];
  for (const line of lines) {
    const record = JSON.parse(line) as CapturedResponse;
    parts.push(...Object.values(record.headers).flat().map(String), record.body ?? '');
    if (record.route === '/auth/login' && record.status === 200 && record.body) {
      const token = (JSON.parse(record.body) as { token?: unknown }).token;
      if (typeof token === 'string') sessionTokens.push(token);
    }
  }
  return { text: parts.join('\n'), sessionTokens };
}
