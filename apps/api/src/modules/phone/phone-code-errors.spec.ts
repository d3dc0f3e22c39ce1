import { DouyinApiError, DouyinCryptoError, DouyinTransportError } from '@douyin-kit/douyin-client';
import { toPhoneCodeError } from './phone-code-errors.js';

function apiError(errNo: number) {
  return new DouyinApiError({
    errNo,
    platformMessage: 'x',
    operation: 'get_phonenumber_info',
    endpoint: '/api/apps/v1/get_phonenumber_info/',
    httpStatus: 200,
    raw: {},
  });
}

describe('toPhoneCodeError', () => {
  it('maps invalid, expired and used codes to PHONE_CODE_INVALID', () => {
    for (const errNo of [28001007, 28005187, 40018]) expect([errNo, toPhoneCodeError(apiError(errNo)).code]).toEqual([errNo, 'PHONE_CODE_INVALID']);
  });

  it('maps a busy or unreachable Douyin to 503 and other platform errors to 502', () => {
    expect(toPhoneCodeError(apiError(-1))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    const timeout = new DouyinTransportError({
      kind: 'timeout',
      mayHaveReachedServer: true,
      operation: 'get_phonenumber_info',
      endpoint: '/x',
      detail: 'timed out',
    });
    expect(toPhoneCodeError(timeout)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    expect(toPhoneCodeError(apiError(28001018))).toMatchObject({ code: 'UPSTREAM_ERROR', status: 502 });
  });

  it('maps a ciphertext our key cannot open to UPSTREAM_ERROR and a foreign watermark to WATERMARK_MISMATCH', () => {
    expect(toPhoneCodeError(new DouyinCryptoError('rsa_bad_padding', 'x')).code).toBe('UPSTREAM_ERROR');
    expect(toPhoneCodeError(new DouyinCryptoError('watermark_mismatch', 'x')).code).toBe('WATERMARK_MISMATCH');
  });

  it('turns an unexpected error into an upstream error, not a 500 with its message', () => {
    expect(toPhoneCodeError(new TypeError('boom'))).toMatchObject({ code: 'UPSTREAM_ERROR', message: 'Douyin refused the request' });
  });
});
