import { createHash, timingSafeEqual } from 'node:crypto';

/** The header Douyin signs each push with. */
export const DOUYIN_SIGNATURE_HEADER = 'x-douyin-signature';

/**
 * Douyin signs each push with `X-Douyin-Signature` = hex sha1(key + body bytes), the key being
 * the app secret or the console's webhook verification key. The check runs on the raw bytes
 * (re-serialized JSON would differ in spacing and key order) and compares in constant time; a
 * header of the wrong shape never reaches the comparison.
 */
export function verifyWebhookSignature(key: string, rawBody: Buffer, header: unknown): boolean {
  if (typeof header !== 'string' || !/^[0-9a-fA-F]{40}$/.test(header)) return false;
  const expected = createHash('sha1').update(key, 'utf8').update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}
