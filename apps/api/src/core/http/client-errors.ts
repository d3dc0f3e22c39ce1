import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TErrorCode } from '@douyin-kit/contracts';
import { httpStatusOf } from '@douyin-kit/contracts';
import { toEnvelope } from '../errors/error-envelope.js';
import { HOOKLESS_REPLY_HEADERS } from '../security/security-headers.js';

/** Node's parser and timeout errors, by the code Node gives them. */
const CLIENT_ERRORS: Record<string, { code: TErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time' },
  HPE_HEADER_OVERFLOW: { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large' },
};
const MALFORMED = { code: 'MALFORMED_REQUEST', message: 'The HTTP request is malformed' } as const;

/**
 * Fastify's `clientErrorHandler`: Node answers a request it cannot parse (bad framing, an
 * invalid header, headers over the size limit) or that arrives too slowly on the socket itself,
 * before any request object exists. The answer is the API's error envelope all the same, with
 * a fresh request id (in the body and the header) and the hookless security headers. The
 * socket is closed afterwards: its byte stream cannot be trusted past the error.
 */
export function replyToClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Node's own rule: answer only when no response has started on this connection.
  const inProgress = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !inProgress?.headersSent) {
    const known = (error.code && CLIENT_ERRORS[error.code]) || MALFORMED;
    const status = httpStatusOf(known.code);
    const requestId = randomUUID();
    const body = JSON.stringify(toEnvelope({ status, ...known }, requestId));
    const headers = {
      ...HOOKLESS_REPLY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-request-id': requestId,
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy();
}
