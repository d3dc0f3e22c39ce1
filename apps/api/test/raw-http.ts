import { request as httpRequest } from 'node:http';

export type RawAnswer = { status: number; body: any; headers: Record<string, unknown> } | { error: string };

/**
 * One request on a TCP connection of its own (as a separate client would make it), never
 * retried: a refused or cut connection comes back as `{error: code}` instead of throwing.
 */
export function rawRequest(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done) => {
    const req = httpRequest(`${baseUrl}${path}`, {
      method,
      agent: false,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, headers: res.headers }));
      res.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    req.end(payload);
  });
}
