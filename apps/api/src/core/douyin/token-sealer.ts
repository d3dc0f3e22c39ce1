import type { TokenSealer } from '@douyin-kit/douyin-client';
import type { SealedField, SecretBox } from '../crypto/secret-box.js';

/** The client's PostgresTokenStore table, as the migration 20261207130000_douyin_tokens creates it. */
export const TOKEN_TABLE = 'douyin_tokens';

/**
 * Where a token is sealed: bound to its row's key (`client_token:tt123`), so one app's token,
 * or another kind's, copied into this row does not open.
 */
export function tokenField(key: string): SealedField {
  return { table: TOKEN_TABLE, column: 'value', rowId: key };
}

/** Tokens at rest sealed with the API's data-key ring (AES-256-GCM, key id per row). */
export function secretBoxTokenSealer(box: SecretBox): TokenSealer {
  return {
    seal: (value, key) => box.seal(value, tokenField(key)),
    open: (sealed, key) => box.open({ keyId: sealed.keyId, blob: Buffer.from(sealed.blob) }, tokenField(key)).toString('utf8'),
  };
}
