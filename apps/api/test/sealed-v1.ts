import { createCipheriv, randomBytes } from 'node:crypto';
import type { DataKey, Sealed } from '../src/core/crypto/secret-box.js';

/**
 * A value sealed the way rows written before the v2 format were: AES-256-GCM without
 * associated data, the bare key id in the key id column. Written out here (SecretBox only seals
 * v2) so tests can put old rows in the database and prove they still open.
 */
export function sealV1(key: DataKey, plaintext: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: key.id, blob: Buffer.concat([iv, cipher.getAuthTag(), data]) };
}
