import { DouyinCryptoError, type DouyinCryptoErrorReason } from '@douyin-kit/douyin-client';
import { AppError } from '../errors/app-error.js';

/** The tt API whose result the mini-program sent: named in the advice for a stale key. */
export type TtDataApi = 'getUserProfile' | 'getPhoneNumber';

/** What a route decrypting a tt payload with the session key may answer, for its contract. */
export const SESSION_PAYLOAD_ERRORS = ['LOGIN_REQUIRED', 'SESSION_KEY_STALE', 'PAYLOAD_CORRUPTED', 'WATERMARK_MISMATCH'] as const;

/** Reasons that mean a base64 field was damaged between the mini-program and here. */
const CORRUPTION_REASONS: ReadonlySet<DouyinCryptoErrorReason> = new Set([
  'bad_base64',
  'plus_became_space',
  'bad_iv_length',
  'not_block_multiple',
  'bad_key_length',
]);

const PLUS_HINT =
  "A '+' in a base64 field arrived as a space: send the fields in a JSON body exactly as tt returned them, never form- or URL-encoded.";

/**
 * Turns a failure to decrypt a payload made with the session's key into the API's error
 * model. AES-CBC under the wrong key almost always fails the padding check (rarely it yields
 * garbage that is not JSON): both mean the payload was made under another session_key, the
 * classic case being a tt.login after our POST /auth/login. Anything else passes through.
 */
export function toSessionPayloadError(error: unknown, api: TtDataApi): unknown {
  if (!(error instanceof DouyinCryptoError)) return error;
  const { reason } = error;
  if (reason === 'bad_padding' || reason === 'not_json') {
    return new AppError(
      'SESSION_KEY_STALE',
      `This payload was encrypted with a newer session key than this session holds (tt.login ran again after POST /auth/login): call tt.login, POST /auth/login with the new code, call ${api} again and retry with its result.`,
      { reason },
      { cause: error },
    );
  }
  if (CORRUPTION_REASONS.has(reason)) {
    // The client library's messages name the field and the byte counts, never key or data.
    const hint = reason === 'plus_became_space' ? { hint: PLUS_HINT } : {};
    return new AppError('PAYLOAD_CORRUPTED', `The ${api} payload was damaged on the way: ${error.message}`, { reason, ...hint }, { cause: error });
  }
  if (reason === 'watermark_mismatch') {
    return new AppError('WATERMARK_MISMATCH', `This ${api} payload was made for another mini-program, not this API's app`, undefined, { cause: error });
  }
  if (reason === 'bad_signature') return signatureInvalid(api);
  return error;
}

export function signatureInvalid(api: TtDataApi): AppError {
  return new AppError(
    'SIGNATURE_INVALID',
    `rawData does not match its signature: it was changed after ${api} returned it. Send rawData and signature unchanged.`,
  );
}
