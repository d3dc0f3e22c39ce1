import { DouyinApiError, DouyinTransportError } from '@douyin-kit/douyin-client';
import { classifySendError, OUTCOME_UNKNOWN } from './send-outcome.js';

const apiError = (errNo: number) =>
  new DouyinApiError({ operation: 'notify_v1', endpoint: '/notify', errNo, platformMessage: 'x', logId: 'log-1', httpStatus: 200, raw: {} });

const transport = (mayHaveReachedServer: boolean, kind: 'network' | 'timeout' = 'network', operation = 'notify_v2') =>
  new DouyinTransportError({ operation, endpoint: '/notify', kind, mayHaveReachedServer, code: 'ECONNRESET', detail: 'd' });

describe('classifySendError', () => {
  it('retries answers that certainly delivered nothing and may pass later', () => {
    for (const errNo of [1010, 28003018, 2000, 28001005, 28001008]) {
      expect(classifySendError(apiError(errNo)).decision, String(errNo)).toBe('retry');
    }
    expect(classifySendError(apiError(1010))).toMatchObject({ code: 'rate_limited', logId: 'log-1' });
  });

  it('fails at once on refusals a retry cannot change', () => {
    for (const errNo of [1008, 1009, 1000, 28014043, 28003017, 28001016, 424242]) {
      expect(classifySendError(apiError(errNo)).decision, String(errNo)).toBe('fail');
    }
    expect(classifySendError(apiError(1008))).toMatchObject({ code: 'content_rejected' });
  });

  it('retries a connection that never opened, never one that may have delivered', () => {
    expect(classifySendError(transport(false))).toMatchObject({ decision: 'retry', code: 'transport_network' });
    expect(classifySendError(transport(true, 'timeout'))).toMatchObject({ decision: 'unknown', code: OUTCOME_UNKNOWN });
  });

  it('retries when the token fetch before the send lost its connection: the message never left', () => {
    for (const operation of ['app_access_token', 'client_token']) {
      for (const kind of ['network', 'timeout'] as const) {
        expect(classifySendError(transport(true, kind, operation)), `${operation} ${kind}`).toMatchObject({
          decision: 'retry',
          code: `transport_${kind}`,
        });
      }
    }
    expect(classifySendError(transport(true, 'network', 'notify_v1')).decision).toBe('unknown');
  });

  it('re-sends a timed-out long-term message only when NOTIFY_RETRY_AFTER_TIMEOUT is on, never a one-time one', () => {
    const timeout = transport(true, 'timeout');
    expect(classifySendError(timeout, { retryAfterTimeout: true, kind: 'long_term' })).toMatchObject({
      decision: 'retry',
      code: 'transport_timeout',
    });
    expect(classifySendError(timeout, { retryAfterTimeout: false, kind: 'long_term' }).decision).toBe('unknown');
    expect(classifySendError(timeout, { retryAfterTimeout: true, kind: 'one_time' }).decision).toBe('unknown');
    // A reset after sending is not a timeout: it stays unknown whatever the policy.
    expect(classifySendError(transport(true), { retryAfterTimeout: true, kind: 'long_term' }).decision).toBe('unknown');
  });

  it('retries failures outside the transport (nothing was sent)', () => {
    expect(classifySendError(new Error('db down'))).toMatchObject({ decision: 'retry', code: 'internal' });
  });
});
