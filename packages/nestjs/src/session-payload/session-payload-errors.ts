import type { DouyinCryptoErrorReason } from '@douyin-kit/douyin-client';

/** The tt API whose result the mini-program sent, e.g. getUserProfile or getPhoneNumber. */
export type TtDataApi = 'getUserProfile' | 'getPhoneNumber';

/** Base class of what the session-payload decryptor throws: map these to your HTTP answers. */
export abstract class DouyinPayloadError extends Error {
  abstract readonly code: 'PAYLOAD_CORRUPTED' | 'SESSION_KEY_STALE' | 'PAYLOAD_BUDGET_SPENT';

  constructor(
    /** The tt API the payload came from. */
    readonly api: TtDataApi,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A base64 field damaged between the mini-program and the server (bad base64, a `+` turned into a
 * space, a short iv, a cut ciphertext). Safe to answer in detail (400): it depends only on the
 * encoding the client chose and is decided before the key is touched.
 */
export class PayloadCorruptedError extends DouyinPayloadError {
  override readonly name = 'PayloadCorruptedError';
  readonly code = 'PAYLOAD_CORRUPTED';

  constructor(
    api: TtDataApi,
    /** Which check failed. */
    readonly reason: DouyinCryptoErrorReason,
    /** The client library's message: names the field and byte counts, never key or data. */
    detail: string,
  ) {
    super(api, `The ${api} payload was damaged on the way: ${detail}`);
  }
}

/**
 * The payload does not open under the session's key, whatever the reason (bad padding, not JSON,
 * another app's watermark, a wrong signature, data your `accept` refused). Deliberately one error
 * with no reason: telling those apart would be a padding oracle. Answer every one alike (409),
 * usually with the advice to run tt.login again.
 */
export class SessionKeyStaleError extends DouyinPayloadError {
  override readonly name = 'SessionKeyStaleError';
  readonly code = 'SESSION_KEY_STALE';

  constructor(api: TtDataApi) {
    super(api, `This ${api} payload does not open with this session's key`);
  }
}

/**
 * The user's failure budget is spent: nothing was decrypted. `exhaustedNow` is true when this
 * very failure spent it: the app should end the session whose key was being probed. Answer 429
 * with `retryAfterSeconds`.
 */
export class PayloadBudgetSpentError extends DouyinPayloadError {
  override readonly name = 'PayloadBudgetSpentError';
  readonly code = 'PAYLOAD_BUDGET_SPENT';

  constructor(
    api: TtDataApi,
    readonly retryAfterSeconds: number,
    readonly exhaustedNow: boolean,
  ) {
    super(api, `Too many payloads of this user failed to open recently; retry after ${retryAfterSeconds} s`);
  }
}
