import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** The API's session token: 256 random bits, base64url (apps/api/src/modules/auth/session-token.ts). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the token's SHA-256 is stored, as in the API. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * AES-256-GCM with a random 12-byte IV, stored as iv | tag | ciphertext under a key id, bound to
 * the row it is stored in (associated data `douyin-kit/v2|table.column|rowId`): the API's
 * SecretBox.seal (apps/api/src/core/crypto/secret-box.ts). `keys` is `id:base64,…`.
 */
export function sealer(
  keys: string,
): (plaintext: string, field: { table: string; column: string; rowId: string }) => { keyId: string; blob: Buffer } {
  const [keyId = '', b64 = ''] = keys.split(',')[0]!.split(':');
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error('DATA_ENCRYPTION_KEYS must start with id:<base64 of 32 bytes>');
  return (plaintext, field) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`douyin-kit/v2|${field.table}.${field.column}|${field.rowId}`, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: `v2:${keyId}`, blob: Buffer.concat([iv, cipher.getAuthTag(), data]) };
  };
}
