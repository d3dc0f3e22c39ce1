import { checkUserDataShape, DouyinCryptoError, decryptUserData, verifySignature, type Watermark } from '@douyin-kit/douyin-client';
import { payloadCorrupted, type TtDataApi } from './session-payload-errors.js';

/** `encryptedData` and `iv` as a tt API returned them. */
export interface EncryptedPayload {
  encryptedData: string;
  iv: string;
}

export interface OpenSessionPayloadInput<T> extends EncryptedPayload {
  /** The session's Douyin session_key (base64). */
  sessionKey: string;
  /** The appid the watermark must carry: the app this API serves. */
  appId: string;
  /** getUserProfile's rawData and signature, checked before anything is decrypted. */
  signed?: { rawData: string; signature: string };
  /** A last check of the decrypted data (e.g. that it says what rawData says). */
  accept?: (data: T & { watermark: Watermark }) => boolean;
}

/**
 * A payload that did not open under the session's key. `reason` is for tests only: callers
 * answer every rejection alike (sessionKeyStale), never by reason.
 */
export class PayloadRejected extends Error {
  override name = 'PayloadRejected';

  constructor(readonly reason: string) {
    super('payload rejected');
  }
}

/**
 * The checks that need no key: a damaged encoding answers PAYLOAD_CORRUPTED with its reason.
 * Run before anything touches the key, so it never says anything about the plaintext.
 */
export function checkPayloadShape(payload: EncryptedPayload, api: TtDataApi): void {
  try {
    checkUserDataShape(payload);
  } catch (error) {
    if (error instanceof DouyinCryptoError) throw payloadCorrupted(error, api);
    throw error;
  }
}

/**
 * Opens a payload made with the session's key: the signature over rawData first (constant
 * time; a payload whose signed data is not the platform's is never decrypted), then the
 * ciphertext and its watermark, then `accept`. Every failure is the same PayloadRejected.
 * Call checkPayloadShape first.
 */
export function openSessionPayload<T>(input: OpenSessionPayloadInput<T>): T & { watermark: Watermark } {
  if (input.signed && !verifySignature(input.signed.rawData, input.signed.signature, input.sessionKey)) {
    throw new PayloadRejected('bad_signature');
  }
  let data: T & { watermark: Watermark };
  try {
    data = decryptUserData<T>(input);
  } catch (error) {
    if (error instanceof DouyinCryptoError) throw new PayloadRejected(error.reason);
    throw error;
  }
  if (input.accept && !input.accept(data)) throw new PayloadRejected('not_accepted');
  return data;
}
