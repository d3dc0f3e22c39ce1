import { checkUserDataShape, DouyinCryptoError, decryptUserData, verifySignature, type Watermark } from '@douyin-kit/douyin-client';
import { PayloadCorruptedError, type TtDataApi } from './session-payload-errors.js';

/** `encryptedData` and `iv` as a tt API returned them. */
export interface EncryptedPayload {
  encryptedData: string;
  iv: string;
}

export interface OpenSessionPayloadInput<T> extends EncryptedPayload {
  /** The session's Douyin session_key (base64). */
  sessionKey: string;
  /** The appid the watermark must carry: the app this server serves. */
  appId: string;
  /** getUserProfile's rawData and signature, checked before anything is decrypted. */
  signed?: { rawData: string; signature: string };
  /** A last check of the decrypted data (e.g. that it says what rawData says). */
  accept?: (data: T & { watermark: Watermark }) => boolean;
  /** Refuse a watermark older than this many seconds (`now` in epoch ms); unset: no age check. */
  maxWatermarkAgeSeconds?: number;
  now?: number;
}

/**
 * A payload that did not open under the session's key. `reason` is for tests only: callers
 * answer every rejection alike, never by reason.
 */
export class PayloadRejected extends Error {
  override name = 'PayloadRejected';

  constructor(readonly reason: string) {
    super('payload rejected');
  }
}

/**
 * The checks that need no key: a damaged encoding throws PayloadCorruptedError with its reason.
 * Run before anything touches the key, so it never says anything about the plaintext.
 */
export function checkPayloadShape(payload: EncryptedPayload, api: TtDataApi): void {
  try {
    checkUserDataShape(payload);
  } catch (error) {
    if (error instanceof DouyinCryptoError) throw new PayloadCorruptedError(api, error.reason, error.message);
    throw error;
  }
}

/**
 * Opens a payload made with the session's key: the signature over rawData first (constant
 * time; a payload whose signed data is not the platform's is never decrypted), then the
 * ciphertext and its watermark (appid, and age when asked), then `accept`. Every failure is the
 * same PayloadRejected. Call checkPayloadShape first.
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
  if (input.maxWatermarkAgeSeconds !== undefined && !watermarkFresh(data.watermark, input.maxWatermarkAgeSeconds, input.now ?? Date.now())) {
    throw new PayloadRejected('watermark_expired');
  }
  if (input.accept && !input.accept(data)) throw new PayloadRejected('not_accepted');
  return data;
}

/** The watermark's timestamp (seconds) is a number no older than `maxAgeSeconds` and not from the future (60 s of skew). */
function watermarkFresh(watermark: Watermark, maxAgeSeconds: number, nowMs: number): boolean {
  const { timestamp } = watermark;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return false;
  const ageSeconds = nowMs / 1000 - timestamp;
  return ageSeconds <= maxAgeSeconds && ageSeconds >= -60;
}
