import { decryptUserData, verifySignature, type Watermark } from '@douyin-kit/douyin-client';
import { signatureInvalid, toSessionPayloadError, type TtDataApi } from './session-payload-errors.js';

/** `encryptedData` and `iv` as a tt API returned them. */
export interface EncryptedPayload {
  encryptedData: string;
  iv: string;
}

export interface OpenSessionPayloadInput extends EncryptedPayload {
  /** The session's Douyin session_key (base64). */
  sessionKey: string;
  /** The appid the watermark must carry: the app this API serves. */
  appId: string;
  api: TtDataApi;
  /** getUserProfile's rawData and signature, checked after a successful decryption. */
  signed?: { rawData: string; signature: string };
}

/**
 * Decrypts first, then checks the signature. The order matters: under a stale key the
 * signature fails too, and only the decryption tells "stale key" (log in again) apart from
 * "altered rawData" (a client bug or tampering).
 */
export function openSessionPayload<T>(input: OpenSessionPayloadInput): T & { watermark: Watermark } {
  let data: T & { watermark: Watermark };
  try {
    data = decryptUserData<T>(input);
  } catch (error) {
    throw toSessionPayloadError(error, input.api);
  }
  if (input.signed && !verifySignature(input.signed.rawData, input.signed.signature, input.sessionKey)) {
    throw signatureInvalid(input.api);
  }
  return data;
}
