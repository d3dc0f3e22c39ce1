import { request } from 'node:http';
import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { signUp } from '../../../test/api-user.js';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { rawHttpClient } from '../../../test/fuzz/raw-http.js';

const LIMIT = 2048;
let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ BODY_LIMIT_BYTES: String(LIMIT) });
});
afterAll(() => running.close());

/** A JSON body of exactly `size` bytes. */
const bodyOf = (size: number) => {
  const shell = JSON.stringify({ anonymousCode: '' });
  return JSON.stringify({ anonymousCode: 'x'.repeat(size - shell.length) });
};

/** Sent in chunks without a content-length, so the server only learns the size by reading. */
function postChunked(path: string, body: string): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  const { hostname, port } = new URL(running.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 512) req.write(body.slice(i, i + 512));
    req.end();
  });
}

describe('BODY_LIMIT_BYTES', () => {
  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE in the error envelope, announced or streamed', async () => {
    const announced = await fetch(`${running.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(LIMIT + 1),
    });
    expect(announced.status).toBe(413);
    const envelope = ZErrorEnvelope.parse(await announced.json());
    expect(envelope.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: announced.headers.get('x-request-id') });

    const streamed = await postChunked('/auth/login', bodyOf(LIMIT * 4));
    expect(streamed.status).toBe(413);
    expect(ZErrorEnvelope.parse(streamed.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a body at the limit, and applies the limit to session routes too', async () => {
    const atLimit = await fetch(`${running.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(LIMIT),
    });
    // Read and validated: the code is too long for the contract, not too large for the server.
    expect(atLimit.status).toBe(400);
    expect(ZErrorEnvelope.parse(await atLimit.json()).error.code).toBe('VALIDATION_FAILED');

    const user = await signUp(running);
    const tooLarge = await user.post('/me/devices', { system: 'iOS 17', note: 'x'.repeat(LIMIT) });
    expect([tooLarge.status, ZErrorEnvelope.parse(tooLarge.body).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('keeps a kept-alive connection answering after refusing an oversized body, on the webhook route (raw body kept) too', async () => {
    // Large enough that most of it is still unread when the refusal goes out.
    const oversized = bodyOf(256 * 1024);
    for (const path of ['/auth/login', '/webhooks/douyin']) {
      // One socket: the second request can only be answered if the first one's body was drained.
      const client = rawHttpClient(running.baseUrl, 1);
      try {
        const refused = await client.send('POST', path, { 'content-type': 'application/json' }, oversized, 5000);
        expect([path, refused.status]).toEqual([path, 413]);
        const next = await client.send('GET', '/health', {}, undefined, 5000);
        expect([path, next.status]).toEqual([path, 200]);
      } finally {
        client.close();
      }
    }
  });
});
