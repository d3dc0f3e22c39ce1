/**
 * Constant-time PKCS#1 v1.5 (type 2, encryption) unpadding. Node ≥ 20.11.1 refuses
 * RSA_PKCS1_PADDING for decryption (CVE-2023-46809, a timing oracle), so blocks are decrypted
 * raw and the padding removed here, without branches or early exits that depend on the bytes.
 */

/** 1 when x === 0, else 0, for 0 ≤ x < 2^31, without a branch. */
function isZero(x: number): number {
  return ((x | -x) >>> 31) ^ 1;
}

/** a when bit is 1, b when bit is 0. */
function select(bit: number, a: number, b: number): number {
  return b ^ (-bit & (a ^ b));
}

/** Result of unpadding one block: `good` is 1 or 0; `start` is where the message begins. */
export interface UnpadResult {
  good: number;
  /** Message offset; equals the block length (empty message) when `good` is 0. */
  start: number;
}

/**
 * Checks `0x00 0x02 PS 0x00 M` with PS at least 8 non-zero bytes. Every byte is visited and
 * the verdict is a bit the caller folds in; only the final message length is data-dependent,
 * as in every PKCS#1 v1.5 implementation.
 */
export function unpadPkcs1v15(em: Uint8Array): UnpadResult {
  const k = em.length;
  let good = isZero(em[0] ?? 1) & isZero((em[1] ?? 0) ^ 2);
  let looking = 1;
  let zeroIndex = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(em[i] ?? 0);
    zeroIndex = select(looking & zero, i, zeroIndex);
    looking &= zero ^ 1;
  }
  good &= looking ^ 1;
  // PS spans indexes 2..zeroIndex-1 and must be at least 8 bytes: zeroIndex ≥ 10.
  good &= ((zeroIndex - 10) >>> 31) ^ 1;
  return { good, start: select(good, zeroIndex + 1, k) };
}
