import { constants, createCipheriv, createHash, generateKeyPair, publicEncrypt, randomBytes, createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';

// The platform side of the protocol's crypto. The client package has its own (decrypting)
// implementation on purpose: two independent codes cannot share one mistake.

const generateKeyPairAsync = promisify(generateKeyPair);

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

export async function generateRsaKeyPair(modulusLength: number): Promise<KeyPairPem> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** Throws when the PEM is not an RSA public key (admin input check). */
export function assertRsaPublicKey(pem: string): void {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('publicKeyPem must be an RSA public key');
}

/** sha1(rawData + session_key), hex: the getUserProfile signature. */
export function signRawData(rawData: string, sessionKey: string): string {
  return createHash('sha1')
    .update(rawData + sessionKey, 'utf8')
    .digest('hex');
}

/** AES-CBC with PKCS#7 (Node's default padding); key = base64-decoded session_key. */
export function encryptWithSessionKey(plaintext: string, sessionKey: string): { encryptedData: string; iv: string } {
  const key = Buffer.from(sessionKey, 'base64');
  const iv = randomBytes(16);
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

/**
 * RSA PKCS#1 v1.5 with the app's public key, segmented like the platform: the plaintext is cut
 * into chunks of k-11 bytes, each encrypted on its own, the ciphertexts concatenated.
 */
export function rsaEncryptSegmented(plaintext: string, publicKeyPem: string): string {
  const key = createPublicKey(publicKeyPem);
  const modulusBits = key.asymmetricKeyDetails?.modulusLength;
  if (!modulusBits) throw new Error('app public key has no modulus length');
  const chunkSize = modulusBits / 8 - 11;
  const data = Buffer.from(plaintext, 'utf8');
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkSize) {
    parts.push(publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data.subarray(offset, offset + chunkSize)));
  }
  return Buffer.concat(parts).toString('base64');
}
