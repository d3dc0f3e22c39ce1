import { describe, expect, it } from 'vitest';
import { DouyinApiError, DouyinTransportError } from './errors/douyin-errors.js';
import { silentLogger } from './logger.js';
import { type PlatformRequest, RequestSender } from './request-sender.js';
import { type RetryPolicy, readPolicy, sendOncePolicy, singleUseCodePolicy, tokenFetchPolicy } from './retry-policy.js';
import type { DouyinTransport, TransportRequest, TransportResponse } from './transport/transport.js';

type Step = TransportResponse | DouyinTransportError;

/** A scripted transport: answers the steps in order and records what it was sent. */
function scripted(steps: Step[]): DouyinTransport & { sent: TransportRequest[] } {
  const sent: TransportRequest[] = [];
  return {
    sent,
    async send(req) {
      sent.push(req);
      const step = steps.shift();
      if (!step) throw new Error('no more steps');
      if (step instanceof DouyinTransportError) throw step;
      return step;
    },
  };
}

const refused = (): DouyinTransportError =>
  new DouyinTransportError({
    operation: 'op',
    endpoint: '/p',
    kind: 'network',
    mayHaveReachedServer: false,
    code: 'ECONNREFUSED',
    detail: 'ECONNREFUSED',
  });
const reset = (): DouyinTransportError =>
  new DouyinTransportError({
    operation: 'op',
    endpoint: '/p',
    kind: 'network',
    mayHaveReachedServer: true,
    code: 'ECONNRESET',
    detail: 'ECONNRESET',
  });
const timeout = (): DouyinTransportError =>
  new DouyinTransportError({ operation: 'op', endpoint: '/p', kind: 'timeout', mayHaveReachedServer: true, code: 'ECONNABORTED', detail: 't' });
const json = (body: unknown, status = 200): TransportResponse => ({ status, body: JSON.stringify(body) });
const busy = (): TransportResponse => json({ err_no: -1, err_tips: 'system error', data: {} });
const ok = (): TransportResponse => json({ err_no: 0, err_tips: 'success', data: { v: 1 } });

function run(steps: Step[], retry: RetryPolicy, sleeps: number[] = []) {
  const transport = scripted(steps);
  const sender = new RequestSender({
    transport,
    logger: silentLogger,
    timeoutMs: 1000,
    appsFamily: 'apps',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  const req: PlatformRequest = { operation: 'op', family: 'apps', path: '/p', body: { a: 1 }, secrets: ['supersecret'], retry };
  return { transport, promise: sender.send(req) };
}

describe('RequestSender retry policies', () => {
  it('token fetch: retries refused connections and system-busy envelopes', async () => {
    const { transport, promise } = run([refused(), busy(), ok()], tokenFetchPolicy);
    await expect(promise).resolves.toMatchObject({ errNo: 0, data: { v: 1 } });
    expect(transport.sent).toHaveLength(3);
  });

  it('token fetch: does not retry after a reset or timeout (a token may have been issued)', async () => {
    for (const failure of [reset(), timeout()]) {
      const { transport, promise } = run([failure, ok()], tokenFetchPolicy);
      await expect(promise).rejects.toBeInstanceOf(DouyinTransportError);
      expect(transport.sent).toHaveLength(1);
    }
  });

  it('single-use code: retries a refused connection only', async () => {
    const a = run([refused(), ok()], singleUseCodePolicy);
    await expect(a.promise).resolves.toMatchObject({ errNo: 0 });
    for (const failure of [reset(), timeout(), busy()]) {
      const b = run([failure, ok()], singleUseCodePolicy);
      await expect(b.promise).rejects.toBeDefined();
      expect(b.transport.sent).toHaveLength(1);
    }
  });

  it('send once: never retries a failure that may have reached the server', async () => {
    for (const failure of [reset(), timeout(), json({ err_no: 2000, err_tips: 'internal' }), json({ err_no: 28001005, err_msg: 'busy' })]) {
      const b = run([failure, ok()], sendOncePolicy);
      await expect(b.promise).rejects.toBeDefined();
      expect(b.transport.sent).toHaveLength(1);
    }
  });

  it('read: retries timeouts and resets', async () => {
    const { transport, promise } = run([timeout(), reset(), ok()], readPolicy);
    await expect(promise).resolves.toMatchObject({ errNo: 0 });
    expect(transport.sent).toHaveLength(3);
  });

  it('gives up after maxRetries (2) with exponential, jittered delays', async () => {
    const sleeps: number[] = [];
    const { transport, promise } = run([refused(), refused(), refused(), ok()], tokenFetchPolicy, sleeps);
    await expect(promise).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(transport.sent).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]); // random 0.5 × caps of 200 and 400 ms
  });
});

describe('RequestSender responses', () => {
  it('turns an error envelope into DouyinApiError without echoing secrets', async () => {
    const { promise } = run(
      [json({ err_no: 40018, err_tips: 'bad code supersecret', data: { session_key: '' }, log_id: 'L9' })],
      singleUseCodePolicy,
    );
    const err = (await promise.catch((e: unknown) => e)) as DouyinApiError;
    expect(err).toBeInstanceOf(DouyinApiError);
    expect(err).toMatchObject({ kind: 'bad_code', errNo: 40018, logId: 'L9', endpoint: '/p', httpStatus: 200 });
    expect(JSON.stringify(err) + err.message).not.toContain('supersecret');
  });

  it('reports non-2xx without an envelope as http_error', async () => {
    const { promise } = run([{ status: 502, body: '<html>bad gateway</html>' }], sendOncePolicy);
    await expect(promise).rejects.toMatchObject({ kind: 'http_error', httpStatus: 502, mayHaveReachedServer: true });
  });

  it('keeps an error envelope on a non-2xx as an API error', async () => {
    const { promise } = run([json({ err_no: 28003018, err_msg: 'too fast' }, 429)], sendOncePolicy);
    await expect(promise).rejects.toMatchObject({ kind: 'rate_limited', httpStatus: 429 });
  });

  it('reports a 200 with a body that is not JSON as bad_response', async () => {
    const { promise } = run([{ status: 200, body: 'not json' }], sendOncePolicy);
    await expect(promise).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('sends the body as JSON text to the resolved family', async () => {
    const { transport, promise } = run([ok()], readPolicy);
    await promise;
    expect(transport.sent[0]).toMatchObject({ family: 'apps', path: '/p', body: '{"a":1}', timeoutMs: 1000 });
  });
});
