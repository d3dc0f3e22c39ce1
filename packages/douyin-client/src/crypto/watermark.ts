import { isRecord } from '../type-guards.js';
import { DouyinCryptoError } from './crypto-error.js';

/** Watermark the platform puts in every encrypted payload. */
export interface Watermark {
  appid: string;
  timestamp: number;
}

/**
 * Parses decrypted bytes as UTF-8 JSON and checks `watermark.appid`, so data encrypted for
 * another app (or pasted from elsewhere) is refused.
 */
export function parseWatermarked<T>(plaintext: Buffer, appId: string, what: string): T & { watermark: Watermark } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw new DouyinCryptoError('not_json', `decrypted ${what} is not UTF-8 JSON (wrong or stale key?)`);
  }
  if (!isRecord(parsed)) {
    throw new DouyinCryptoError('not_json', `decrypted ${what} is not a JSON object`);
  }
  const appid = isRecord(parsed.watermark) ? parsed.watermark.appid : undefined;
  if (appid !== appId) {
    throw new DouyinCryptoError('watermark_mismatch', `decrypted ${what} carries another app's watermark (or none)`);
  }
  return parsed as T & { watermark: Watermark };
}
