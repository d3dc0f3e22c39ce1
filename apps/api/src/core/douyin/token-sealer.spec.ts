import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresTokenStoreSchema } from '@douyin-kit/douyin-client';
import { SecretBox } from '../crypto/secret-box.js';
import { MIGRATIONS_DIR } from '../database/migrations/migration-files.js';
import { secretBoxTokenSealer, TOKEN_TABLE } from './token-sealer.js';

const box = new SecretBox([{ id: 'k1', key: randomBytes(32) }]);
const sealer = secretBoxTokenSealer(box);

describe('the API’s token sealer', () => {
  it('seals under the current data key and opens what it sealed for the same key', () => {
    const sealed = sealer.seal('T1', 'client_token:tt1');
    expect(sealed.keyId).toBe('v2:k1');
    expect(Buffer.from(sealed.blob).includes(Buffer.from('T1'))).toBe(false);
    expect(sealer.open(sealed, 'client_token:tt1')).toBe('T1');
  });

  it('binds each seal to its row: another app’s or another kind’s token does not open here', () => {
    const sealed = sealer.seal('T1', 'client_token:tt1');
    expect(() => sealer.open(sealed, 'client_token:tt2')).toThrow(expect.objectContaining({ reason: 'not_authentic' }));
    expect(() => sealer.open(sealed, 'app_access_token:tt1')).toThrow(expect.objectContaining({ reason: 'not_authentic' }));
  });

  it('refuses a token sealed under a key no longer in the ring', () => {
    const rotated = secretBoxTokenSealer(new SecretBox([{ id: 'k2', key: randomBytes(32) }]));
    expect(() => rotated.open(sealer.seal('T1', 'client_token:tt1'), 'client_token:tt1')).toThrow(expect.objectContaining({ reason: 'unknown_key' }));
  });
});

describe('the douyin_tokens migration', () => {
  it('creates the table with the client’s own DDL, word for word', () => {
    const sql = readFileSync(join(MIGRATIONS_DIR, '20261207130000_douyin_tokens', 'migration.sql'), 'utf8');
    expect(sql).toContain(postgresTokenStoreSchema(TOKEN_TABLE));
  });
});
