import { constants, createPrivateKey, type KeyObject, privateDecrypt } from 'node:crypto';
import { DouyinCryptoError } from './crypto-error.js';
import { unpadPkcs1v15 } from './pkcs1v15.js';
import { decodeStrictBase64 } from './strict-base64.js';
import { type Watermark, parseWatermarked } from './watermark.js';

/** Decrypted phone number payload (same shape in the old and new flows). */
export interface PhoneNumberPlaintext {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  watermark: Watermark;
}

function loadKey(privateKeyPem: string | KeyObject): { key: KeyObject; k: number } {
  let key: KeyObject;
  try {
    key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  } catch {
    throw new DouyinCryptoError('rsa_bad_key', 'the app private key could not be read (expect a PEM RSA private key)');
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa' || !bits) {
    throw new DouyinCryptoError('rsa_bad_key', 'the app private key is not an RSA private key');
  }
  return { key, k: Math.ceil(bits / 8) };
}

/**
 * Decrypts the new-flow phone ciphertext (`get_phonenumber_info` data): RSA PKCS#1 v1.5 with the
 * app key pair, in blocks of the modulus size for long plaintexts. All blocks are processed
 * before the verdict, so a bad block cannot be located by timing.
 */
export function decryptPhoneCiphertext(ciphertextBase64: string, privateKeyPem: string | KeyObject, appId: string): PhoneNumberPlaintext {
  const { key, k } = loadKey(privateKeyPem);
  const data = decodeStrictBase64(ciphertextBase64, 'phone ciphertext');
  if (data.length === 0 || data.length % k !== 0) {
    throw new DouyinCryptoError(
      'rsa_bad_length',
      `phone ciphertext is ${data.length} bytes, not a multiple of the ${k}-byte key: wrong key size or truncated`,
    );
  }
  const parts: Buffer[] = [];
  let good = 1;
  for (let offset = 0; offset < data.length; offset += k) {
    let em: Buffer;
    try {
      em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, data.subarray(offset, offset + k));
    } catch {
      // Only raised for a block numerically ≥ the modulus, a public property of the ciphertext.
      throw new DouyinCryptoError('rsa_decrypt_failed', 'a phone ciphertext block is not valid for this key');
    }
    const result = unpadPkcs1v15(em);
    good &= result.good;
    parts.push(em.subarray(result.start));
  }
  if (good !== 1) {
    throw new DouyinCryptoError('rsa_bad_padding', 'bad padding after RSA decryption: the data was encrypted for another key pair');
  }
  return parseWatermarked<PhoneNumberPlaintext>(Buffer.concat(parts), appId, 'phone number');
}
