import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A named 32-byte key. The id is stored next to each ciphertext so keys can rotate. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * Where a sealed value is stored. Sealing binds the ciphertext to it (AES-GCM associated data),
 * so a value copied into another row, column or table no longer opens.
 */
export interface SealedField {
  /** The table, as PostgreSQL names it. */
  table: string;
  /** The column that holds the blob. */
  column: string;
  /** What identifies the row for good: its primary key, or its natural key. */
  rowId: string;
}

export interface Sealed {
  /**
   * What the row's key id column holds: the data key's id, prefixed with the format version
   * (`v2:k1`) for a value bound to its field; a bare id (`k1`) is the unbound v1 format.
   */
  keyId: string;
  /** iv (12) | tag (16) | ciphertext */
  blob: Buffer;
}

/** Why a stored value does not open: its key left the ring, or it fails authentication. */
export type UnsealReason = 'unknown_key' | 'not_authentic';

/**
 * A stored value that cannot be opened. `not_authentic` means the blob was damaged or moved
 * from another field or row: the data, not the code, is wrong. Messages never hold the value.
 */
export class SealedValueError extends Error {
  override name = 'SealedValueError';

  constructor(
    readonly reason: UnsealReason,
    message: string,
  ) {
    super(message);
  }
}

export class UnknownKeyError extends SealedValueError {
  override name = 'UnknownKeyError';

  constructor(message: string) {
    super('unknown_key', message);
  }
}

/**
 * The format version travels in the key id column, not in the blob. A v1 blob starts with its
 * random iv, so no leading marker byte could tell the formats apart (1 in 256 v1 rows would
 * look like v2). Key ids are `[A-Za-z0-9_-]` (DATA_ENCRYPTION_KEYS refuses anything else), so a
 * stored id holding `:` can only be written by this class, and `v2:` names the format
 * unambiguously. Stripping the prefix from a v2 row (a downgrade to v1) gains an attacker
 * nothing: its tag covers the associated data, so it does not open without it.
 */
const V2_PREFIX = 'v2:';
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The associated data of a v2 seal; the row id comes last, so no field can pass for another. */
function associatedData(field: SealedField): Buffer {
  if (!FIELD_NAME.test(field.table) || !FIELD_NAME.test(field.column) || !field.rowId) {
    throw new Error(`Invalid sealed field ${field.table}.${field.column}`);
  }
  return Buffer.from(`douyin-kit/v2|${field.table}.${field.column}|${field.rowId}`, 'utf8');
}

/**
 * AES-256-GCM encryption at rest with a key ring: new data is sealed under the current key;
 * data sealed under any key still in the ring opens. Rotation = put a new key first, keep
 * the old one until its rows are re-sealed or expire.
 *
 * Every seal is v2, bound to its field. Rows sealed before (v1, unbound) still open, and
 * become v2 when their owner next writes them.
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

  seal(plaintext: Buffer | string, field: SealedField): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.ring[0]!.key, iv);
    cipher.setAAD(associatedData(field));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: `${V2_PREFIX}${this.currentKeyId}`, blob: Buffer.concat([iv, cipher.getAuthTag(), data]) };
  }

  /** The plaintext of a value read from `field`; throws SealedValueError when it does not open. */
  open(sealed: Sealed, field: SealedField): Buffer {
    const bound = sealed.keyId.startsWith(V2_PREFIX);
    const keyId = bound ? sealed.keyId.slice(V2_PREFIX.length) : sealed.keyId;
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownKeyError(`No data key "${keyId}" in the ring`);
    const aad = bound ? associatedData(field) : undefined;
    if (sealed.blob.length < IV_BYTES + TAG_BYTES) throw new SealedValueError('not_authentic', 'Sealed value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.blob.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      if (aad) decipher.setAAD(aad);
      return Buffer.concat([decipher.update(sealed.blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealedValueError('not_authentic', `Sealed value under key "${keyId}" does not authenticate for ${field.table}.${field.column}`);
    }
  }
}
