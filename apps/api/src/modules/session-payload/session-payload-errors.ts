import { PayloadBudgetSpentError, PayloadCorruptedError, SessionKeyStaleError, type TtDataApi } from '@douyin-kit/nestjs';
import { AppError } from '../../core/errors/app-error.js';

export type { TtDataApi };

const PLUS_HINT =
  "A '+' in a base64 field arrived as a space: send the fields in a JSON body exactly as tt returned them, never form- or URL-encoded.";

/**
 * A base64 field damaged between the mini-program and here: said in detail, since it depends
 * only on the encoding and never on what the ciphertext holds.
 */
export function payloadCorrupted(error: PayloadCorruptedError): AppError {
  // The message names the field and the byte counts, never key or data.
  const hint = error.reason === 'plus_became_space' ? { hint: PLUS_HINT } : {};
  return new AppError('PAYLOAD_CORRUPTED', error.message, { reason: error.reason, ...hint });
}

/**
 * The one answer to every payload that does not open under the session's key, whatever the
 * reason: bad padding, not JSON, another app's watermark, a wrong signature, decrypted fields
 * that differ from rawData. Telling those apart would be a padding oracle: with a few thousand
 * requests a client could decrypt, and then forge, payloads under its own session key. The
 * usual honest cause is a key that a later tt.login rotated, hence the advice. No details, no
 * cause: the body must be the same bytes for every reason.
 */
export function sessionKeyStale(api: TtDataApi): AppError {
  return new AppError(
    'SESSION_KEY_STALE',
    `This ${api} payload does not open with this session's key, usually because tt.login ran again after POST /auth/login: call tt.login, POST /auth/login with the new code, call ${api} again and retry with its result.`,
  );
}

/**
 * The user's failure budget is spent: `signedOut` when this request spent it (its session is
 * revoked), otherwise an earlier one did and nothing was decrypted.
 */
export function payloadBudgetSpent(api: TtDataApi, retryAfterSeconds: number, signedOut: boolean): AppError {
  const message = signedOut
    ? `Too many ${api} payloads of this user failed to open: this session is signed out. After Retry-After seconds, call tt.login, POST /auth/login, call ${api} again and retry.`
    : `Too many payloads of this user failed to open recently: nothing was decrypted. Retry after Retry-After seconds.`;
  return new AppError('RATE_LIMITED', message, { retryAfterSeconds });
}

/** The API's answer to an error of the module's decryptor; anything else passes through. */
export function toPayloadAppError(error: unknown): unknown {
  if (error instanceof PayloadCorruptedError) return payloadCorrupted(error);
  if (error instanceof SessionKeyStaleError) return sessionKeyStale(error.api);
  if (error instanceof PayloadBudgetSpentError) return payloadBudgetSpent(error.api, error.retryAfterSeconds, error.exhaustedNow);
  return error;
}
