import { DouyinCryptoError, type DouyinCryptoErrorReason } from '@douyin-kit/douyin-client';
import { AppError } from '../errors/app-error.js';
import { toSessionPayloadError } from './session-payload-errors.js';

function mapped(reason: DouyinCryptoErrorReason) {
  const error = toSessionPayloadError(new DouyinCryptoError(reason, `failure: ${reason}`), 'getUserProfile');
  return error instanceof AppError ? { code: error.code, status: error.status, details: error.details } : error;
}

describe('toSessionPayloadError', () => {
  it.each([
    ['bad_padding', 'SESSION_KEY_STALE', 409],
    ['not_json', 'SESSION_KEY_STALE', 409],
    ['bad_base64', 'PAYLOAD_CORRUPTED', 400],
    ['plus_became_space', 'PAYLOAD_CORRUPTED', 400],
    ['bad_iv_length', 'PAYLOAD_CORRUPTED', 400],
    ['not_block_multiple', 'PAYLOAD_CORRUPTED', 400],
    ['bad_key_length', 'PAYLOAD_CORRUPTED', 400],
    ['watermark_mismatch', 'WATERMARK_MISMATCH', 400],
    ['bad_signature', 'SIGNATURE_INVALID', 400],
  ] as const)('%s → %s', (reason, code, status) => {
    expect(mapped(reason)).toMatchObject({ code, status });
  });

  it('gives corruption its reason, and a hint only for the lost +', () => {
    expect(mapped('not_block_multiple')).toMatchObject({ details: { reason: 'not_block_multiple' } });
    expect((mapped('not_block_multiple') as { details: object }).details).not.toHaveProperty('hint');
    expect(mapped('plus_became_space')).toMatchObject({ details: { hint: expect.stringMatching(/JSON body/) } });
  });

  it('tells a stale key how to recover, naming the tt API to call again', () => {
    const error = toSessionPayloadError(new DouyinCryptoError('bad_padding', 'x'), 'getPhoneNumber') as AppError;
    expect(error.message).toMatch(/tt\.login.*POST \/auth\/login.*getPhoneNumber/);
  });

  it('passes other errors through untouched', () => {
    const other = new Error('database down');
    expect(toSessionPayloadError(other, 'getUserProfile')).toBe(other);
    const rsa = new DouyinCryptoError('rsa_bad_key', 'x');
    expect(toSessionPayloadError(rsa, 'getUserProfile')).toBe(rsa);
  });
});
