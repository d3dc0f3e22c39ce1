import { createDecipheriv } from 'node:crypto';
import { DouyinCryptoError } from './crypto-error.js';
import { decodeStrictBase64 } from './strict-base64.js';
import { type Watermark, parseWatermarked } from './watermark.js';

const CIPHER_BY_KEY_LENGTH: Readonly<Record<number, string>> = {
  16: 'aes-128-cbc',
  24: 'aes-192-cbc',
  32: 'aes-256-cbc',
};

/** Inputs of `decryptUserData`, exactly as the mini-program and code2session deliver them. */
export interface DecryptUserDataInput {
  /** base64 `encryptedData` from getUserProfile / getPhoneNumber. */
  encryptedData: string;
  /** base64 `iv` from the same event. */
  iv: string;
  /** base64 session_key from code2session (never from the client). */
  sessionKey: string;
  /** Our appid, checked against `watermark.appid`. */
  appId: string;
}

/** The ciphertext fields of `DecryptUserDataInput`: what `checkUserDataShape` looks at. */
export type UserDataShapeInput = Pick<DecryptUserDataInput, 'encryptedData' | 'iv'>;

/**
 * Checks what can be checked without the key: strict base64, a 16-byte iv, whole AES blocks.
 * Throws the reasons `decryptUserData` would (`bad_base64`, `plus_became_space`,
 * `bad_iv_length`, `not_block_multiple`). A failure here depends only on the encoding the client
 * chose, never on the plaintext, so a server may answer it in detail without helping anyone
 * decrypt; the reasons that come after decryption must not be told apart (padding oracle).
 */
export function checkUserDataShape(input: UserDataShapeInput): { iv: Buffer; data: Buffer } {
  const iv = decodeStrictBase64(input.iv, 'iv');
  if (iv.length !== 16) {
    throw new DouyinCryptoError('bad_iv_length', `iv decodes to ${iv.length} bytes; expected 16`);
  }
  const data = decodeStrictBase64(input.encryptedData, 'encryptedData');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new DouyinCryptoError(
      'not_block_multiple',
      `encryptedData is ${data.length} bytes, not a multiple of 16: truncated, or a '+' was turned into a space and dropped on the way`,
    );
  }
  return { iv, data };
}

/**
 * Decrypts AES-CBC user data (profile, old-flow phone number). The AES variant follows the
 * decoded key length; every failure has its own `DouyinCryptoError` reason.
 */
export function decryptUserData<T = Record<string, unknown>>(input: DecryptUserDataInput): T & { watermark: Watermark } {
  const key = decodeStrictBase64(input.sessionKey, 'session_key');
  const cipher = CIPHER_BY_KEY_LENGTH[key.length];
  if (!cipher) {
    throw new DouyinCryptoError('bad_key_length', `session_key decodes to ${key.length} bytes; expected 16, 24 or 32`);
  }
  const { iv, data } = checkUserDataShape(input);
  const decipher = createDecipheriv(cipher, key, iv);
  // Padding is checked below so that a wrong key gets its own reason, not OpenSSL's "bad decrypt".
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  const length = unpadPkcs7(padded);
  if (length < 0) {
    throw new DouyinCryptoError('bad_padding', 'bad padding after decryption: wrong or stale session_key (a later tt.login rotates it)');
  }
  return parseWatermarked<T>(padded.subarray(0, length), input.appId, 'user data');
}

/**
 * Returns the unpadded length, or -1. Checks all 16 tail bytes without branching on their
 * values, so timing says nothing about which byte was wrong.
 */
function unpadPkcs7(buf: Buffer): number {
  const n = buf[buf.length - 1] ?? 0;
  // bad = (n == 0) | (n > 16), as bit arithmetic rather than comparisons that may branch.
  let bad = (((n | -n) >>> 31) ^ 1) | ((16 - n) >>> 31);
  for (let i = 1; i <= 16; i++) {
    const b = buf[buf.length - i] ?? 0;
    const inPad = (i - n - 1) >>> 31; // 1 when i <= n
    const differs = ((b ^ n) | -(b ^ n)) >>> 31; // 1 when b != n
    bad |= inPad & differs;
  }
  return bad ? -1 : buf.length - n;
}
