import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * node:http rather than fetch: fetch refuses a body on GET, sets its own content type for
 * strings and normalises URLs, and the fuzzer needs to send exactly the bytes it built.
 */
export function rawHttpClient(baseUrl: string, maxSockets: number) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  // A request that hangs on a kept-alive connection is usually the previous request's fault
  // (a body left unread), so a timeout names that request too.
  const lastOnSocket = new WeakMap<object, string>();
  return {
    send(method: string, path: string, headers: Record<string, string>, data?: string | Buffer, timeoutMs = 20_000): Promise<RawResponse> {
      return new Promise((resolve, reject) => {
        // An explicit length: without one, node sends a DELETE or OPTIONS body unframed, and
        // the server would read it as the start of the next request.
        const framed = data === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(data)) };
        const req = request({ agent, hostname, port, method, path, headers: framed, timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        const described = `${method} ${path.slice(0, 80)} (${data === undefined ? 'no' : Buffer.byteLength(data)} body bytes)`;
        let previous: string | undefined;
        req.on('socket', (socket) => {
          previous = lastOnSocket.get(socket);
          lastOnSocket.set(socket, described);
        });
        req.on('timeout', () => {
          const after = previous ? `, after ${previous} on the same connection` : ', on a new connection';
          req.destroy(new Error(`no answer within ${timeoutMs} ms${after}`));
        });
        req.on('error', reject);
        req.end(data);
      });
    },
    close: () => agent.destroy(),
  };
}
