import { DouyinApiError, DouyinTransportError } from '@douyin-kit/douyin-client';
import { AppError } from '../errors/app-error.js';
import { toUpstreamError } from './douyin-errors.js';

/** The client's own errors, as it builds them from a platform answer (the kind follows errNo). */
function apiError(errNo: number): DouyinApiError {
  return new DouyinApiError({
    errNo,
    platformMessage: 'x',
    operation: 'code2session',
    endpoint: '/api/apps/v2/jscode2session',
    httpStatus: 200,
    raw: {},
  });
}
function transportError(): DouyinTransportError {
  return new DouyinTransportError({ kind: 'timeout', mayHaveReachedServer: true, operation: 'code2session', endpoint: '/x', detail: 'timed out' });
}

describe('toUpstreamError', () => {
  it('turns busy, rate-limited and unreachable Douyin into 503 with retry advice', () => {
    for (const error of [apiError(-1), apiError(28003018), transportError()]) {
      const mapped = toUpstreamError(error, 'test');
      expect(mapped).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503, details: { retryAfterSeconds: 3 } });
      // For the operator (the error filter logs it with the request id), never for the client.
      expect(mapped.log).toEqual({ level: 'warn', message: expect.stringMatching(/^test: Douyin unavailable \((errNo|transport) /) });
    }
  });

  it('turns any other Douyin refusal into 502 and passes AppErrors through', () => {
    expect(toUpstreamError(apiError(40017), 'test')).toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 502,
      log: { level: 'error', message: 'test: Douyin error (errNo 40017, kind bad_credentials, log_id -)' },
    });
    const own = new AppError('LOGIN_CODE_INVALID', 'x');
    expect(toUpstreamError(own, 'test')).toBe(own);
  });
});
