import { connect } from 'node:net';
import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes no HTTP client library would, and reads the answer until the server closes. */
function sendRaw(bytes: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(running.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

function expectEnvelope(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  const envelope = ZErrorEnvelope.parse(JSON.parse(answer.body));
  expect(envelope.error.code).toBe(code);
  expect(envelope.error.requestId).toBe(answer.headers['x-request-id']);
  expect(envelope.error.requestId.length).toBeGreaterThan(8);
}

describe("Node's own parser errors", () => {
  it('answers bad framing (Content-Length and Transfer-Encoding together) with 400 MALFORMED_REQUEST in the envelope', async () => {
    const answer = await sendRaw('POST /auth/login HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n');
    expectEnvelope(answer, 400, 'MALFORMED_REQUEST');
  });

  it('answers a header that is not HTTP with 400 MALFORMED_REQUEST in the envelope', async () => {
    const answer = await sendRaw('GET /health HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n');
    expectEnvelope(answer, 400, 'MALFORMED_REQUEST');
  });

  it('answers headers over the size limit with 431 HEADERS_TOO_LARGE in the envelope', async () => {
    const answer = await sendRaw(`GET /health HTTP/1.1\r\nhost: x\r\nx-filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectEnvelope(answer, 431, 'HEADERS_TOO_LARGE');
  });

  it('still answers well-formed requests on the same server', async () => {
    expect((await fetch(`${running.baseUrl}/health`)).status).toBe(200);
  });
});
