import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A named 32-byte key. The id is stored next to each ciphertext so keys can rotate. */
export interface DataKey {
  id: string;
  key: Buffer;
}

export interface Sealed {
  keyId: string;
  /** iv (12) | tag (16) | ciphertext */
  blob: Buffer;
}

export class UnknownKeyError extends Error {
  override name = 'UnknownKeyError';
}

/**
 * AES-256-GCM encryption at rest with a key ring: new data is sealed under the current key;
 * data sealed under any key still in the ring opens. Rotation = put a new key first, keep
 * the old one until its rows are re-sealed or expire.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly ring: readonly DataKey[]) {
    if (ring.length === 0) throw new Error('SecretBox needs at least one key');
    this.keys = new Map(ring.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.ring[0]!.id;
  }

  seal(plaintext: Buffer | string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.ring[0]!.key, iv);
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.currentKeyId, blob: Buffer.concat([iv, cipher.getAuthTag(), data]) };
  }

  open(sealed: Sealed): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new UnknownKeyError(`No data key "${sealed.keyId}" in the ring`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.blob.subarray(0, 12));
    decipher.setAuthTag(sealed.blob.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.blob.subarray(28)), decipher.final()]);
  }
}
