/** Why decrypting or verifying user data failed. */
export type DouyinCryptoErrorReason =
  /** Not strict base64 (bad characters, bad length, line breaks, URL-encoding). */
  | 'bad_base64'
  /** Base64 with spaces that becomes valid when they are '+': a form/URL decoder ate the '+'. */
  | 'plus_became_space'
  /** The session_key does not decode to 16, 24 or 32 bytes. */
  | 'bad_key_length'
  /** The iv does not decode to 16 bytes. */
  | 'bad_iv_length'
  /** Ciphertext length is not a multiple of the AES block: truncated or mangled on the way. */
  | 'not_block_multiple'
  /** PKCS#7 padding wrong after decryption: wrong or stale session_key (a later tt.login). */
  | 'bad_padding'
  /** Decrypted bytes are not UTF-8 JSON. */
  | 'not_json'
  /** `watermark.appid` is not our appid: data from another app, or a replay. */
  | 'watermark_mismatch'
  /** sha1(rawData + session_key) does not match the signature. */
  | 'bad_signature'
  /** The private key PEM could not be read or is not RSA. */
  | 'rsa_bad_key'
  /** RSA ciphertext is empty or not a multiple of the modulus size. */
  | 'rsa_bad_length'
  /** A block could not be decrypted (value not below the modulus). */
  | 'rsa_decrypt_failed'
  /** PKCS#1 v1.5 padding wrong after decryption: the data was made for another key pair. */
  | 'rsa_bad_padding';

/**
 * One class for every crypto failure; `reason` tells them apart. Messages name the field and the
 * likely cause but never contain a key, a plaintext or a ciphertext.
 */
export class DouyinCryptoError extends Error {
  override readonly name = 'DouyinCryptoError';

  constructor(
    readonly reason: DouyinCryptoErrorReason,
    message: string,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, reason: this.reason, message: this.message };
  }
}
