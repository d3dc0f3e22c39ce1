import { randomBytes, randomUUID } from 'node:crypto';
import { sealV1 } from '../../../test/sealed-v1.js';
import { SealedValueError, SecretBox, UnknownKeyError, type Sealed, type SealedField } from './secret-box.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const rowA = randomUUID();
const rowB = randomUUID();
const at = (rowId: string, column = 'session_key_encrypted', table = 'sessions'): SealedField => ({ table, column, rowId });

function reasonOf(open: () => unknown): string {
  try {
    open();
  } catch (error) {
    if (error instanceof SealedValueError) return error.reason;
    throw error;
  }
  return 'opened';
}

describe('SecretBox', () => {
  it('seals under the current key as v2 and opens what it sealed', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('session-key-value', at(rowA));
    expect(sealed.keyId).toBe('v2:k1');
    expect(sealed.blob.includes(Buffer.from('session-key-value'))).toBe(false);
    expect(box.open(sealed, at(rowA)).toString()).toBe('session-key-value');
  });

  it('refuses a v2 value read from another row, column or table', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('secret', at(rowA));
    expect(reasonOf(() => box.open(sealed, at(rowB)))).toBe('not_authentic');
    expect(reasonOf(() => box.open(sealed, at(rowA, 'phone_encrypted')))).toBe('not_authentic');
    expect(reasonOf(() => box.open(sealed, at(rowA, 'session_key_encrypted', 'users')))).toBe('not_authentic');
    // Rewriting the key id to the unbound form (a downgrade to v1) does not help: the tag covers the field.
    expect(reasonOf(() => box.open({ keyId: 'k1', blob: sealed.blob }, at(rowA)))).toBe('not_authentic');
    expect(box.open(sealed, at(rowA)).toString()).toBe('secret');
  });

  it('still opens a v1 value (no associated data, bare key id), wherever it is read from', () => {
    const old = sealV1(k1, 'before v2');
    const box = new SecretBox([k1]);
    expect(box.open(old, at(rowA)).toString()).toBe('before v2');
    expect(box.open(old, at(rowB, 'value', 'douyin_tokens')).toString()).toBe('before v2');
    // Written again, it becomes v2 and bound.
    const resealed = box.seal(box.open(old, at(rowA)), at(rowA));
    expect(resealed.keyId).toBe('v2:k1');
    expect(reasonOf(() => box.open(resealed, at(rowB)))).toBe('not_authentic');
  });

  it('after rotation seals under the new key and still opens v1 and v2 data sealed under the old one', () => {
    const oldV2 = new SecretBox([k1]).seal('before', at(rowA));
    const oldV1 = sealV1(k1, 'long before');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.seal('after', at(rowA)).keyId).toBe('v2:k2');
    expect(rotated.open(oldV2, at(rowA)).toString()).toBe('before');
    expect(rotated.open(oldV1, at(rowA)).toString()).toBe('long before');
    expect(reasonOf(() => rotated.open(oldV2, at(rowB)))).toBe('not_authentic');
  });

  it('refuses an unknown key id, and a tampered or truncated blob, with a typed error', () => {
    const sealed = new SecretBox([k1]).seal('x', at(rowA));
    expect(() => new SecretBox([k2]).open(sealed, at(rowA))).toThrow(UnknownKeyError);
    expect(reasonOf(() => new SecretBox([k2]).open(sealed, at(rowA)))).toBe('unknown_key');
    expect(reasonOf(() => new SecretBox([k1]).open({ keyId: 'v3:k1', blob: sealed.blob }, at(rowA)))).toBe('unknown_key');
    const tampered: Sealed = { keyId: sealed.keyId, blob: Buffer.from(sealed.blob) };
    tampered.blob[tampered.blob.length - 1]! ^= 1;
    expect(reasonOf(() => new SecretBox([k1]).open(tampered, at(rowA)))).toBe('not_authentic');
    expect(reasonOf(() => new SecretBox([k1]).open({ keyId: 'v2:k1', blob: sealed.blob.subarray(0, 20) }, at(rowA)))).toBe('not_authentic');
  });

  it('never puts the plaintext or the key in an error message', () => {
    const sealed = new SecretBox([k1]).seal('plaintext-value', at(rowA));
    try {
      new SecretBox([k1]).open(sealed, at(rowB));
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('plaintext-value');
      expect(message).not.toContain(k1.key.toString('base64'));
      expect(message).not.toContain(rowB);
    }
    expect.hasAssertions();
  });
});
