import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../../test/create-app.js';

const HEADERS_TIMEOUT_MS = 1500;
const REQUEST_TIMEOUT_MS = 2500;
let running: RunningApp;
beforeAll(async () => {
  running = await startApp({
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HTTP_CONNECTION_TIMEOUT_MS: '20000',
    LOG_LEVEL: 'log',
  });
});
afterAll(() => running.close());

/** A raw TCP client: what the server sends back, and when it closed the socket. */
function openSocket(): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(running.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const opened = Date.now();
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - opened)));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

/** Writes one byte a second until the socket closes (or `limit` bytes went out). */
async function trickle(socket: Socket, limit: number): Promise<void> {
  for (let i = 0; i < limit && !socket.destroyed; i++) {
    socket.write('x');
    await sleep(1000);
  }
}

async function logLinesOf(requestId: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(inject('logCaptureFile'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.includes(requestId))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('slow clients', () => {
  it('closes a slow-body socket (a byte a second) within HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { socket, closed } = await openSocket();
    socket.write('POST /auth/login HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n');
    void trickle(socket, 60);
    // The server checks for expired requests once a second.
    expect(await closed).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
  });

  it('closes a slow-header socket within HTTP_HEADERS_TIMEOUT_MS, answering 408 in the error envelope', async () => {
    const { socket, closed, received } = await openSocket();
    socket.write('GET /health HTTP/1.1\r\nhost: x\r\n');
    void trickle(socket, 60);
    expect(await closed).toBeLessThan(HEADERS_TIMEOUT_MS + 2500);
    const answer = received();
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'REQUEST_TIMEOUT', requestId: expect.any(String) });
  });

  it('logs a request whose client went away mid-upload once, at info or warn, without a stack', async () => {
    const requestId = `aborted-${randomUUID()}`;
    const { socket, closed } = await openSocket();
    socket.write(
      `POST /auth/login HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-request-id: ${requestId}\r\ncontent-length: 1000\r\n\r\n{"anonymousCode":`,
    );
    await sleep(200);
    socket.destroy();
    await closed;
    await sleep(500);

    const lines = await logLinesOf(requestId);
    expect(lines).toHaveLength(1);
    expect(['info', 'warn']).toContain(lines[0]!.level);
    expect(JSON.stringify(lines[0])).not.toMatch(/\n\s+at /);
    expect(lines[0]).toMatchObject({ requestId, method: 'POST', route: '/auth/login', msg: expect.stringContaining('Client went away') });
  });
});
