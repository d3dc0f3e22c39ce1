import { createHash, timingSafeEqual } from 'node:crypto';
import { DouyinCryptoError } from './crypto-error.js';

/**
 * Checks `signature === sha1(rawData + sessionKey)` (hex) in constant time. Returns false for a
 * malformed signature rather than throwing: all the caller needs is "trust rawData or not".
 */
export function verifySignature(rawData: string, signature: string, sessionKey: string): boolean {
  const expected = createHash('sha1')
    .update(rawData + sessionKey, 'utf8')
    .digest();
  // Shape checks depend only on the public signature, not on the secret.
  if (typeof signature !== 'string' || !/^[0-9a-fA-F]{40}$/.test(signature)) return false;
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** Like `verifySignature`, but throws `DouyinCryptoError('bad_signature')`. */
export function assertValidSignature(rawData: string, signature: string, sessionKey: string): void {
  if (!verifySignature(rawData, signature, sessionKey)) {
    throw new DouyinCryptoError('bad_signature', 'rawData signature does not match (tampered data or stale session_key)');
  }
}
