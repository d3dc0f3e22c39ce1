import { randomBytes } from 'node:crypto';
import { SecretBox, UnknownKeyError } from './secret-box.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe('SecretBox', () => {
  it('seals under the current key and opens what it sealed', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('session-key-value');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.blob.includes(Buffer.from('session-key-value'))).toBe(false);
    expect(box.open(sealed).toString()).toBe('session-key-value');
  });

  it('after rotation seals under the new key and still opens data sealed under the old one', () => {
    const old = new SecretBox([k1]).seal('before');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.seal('after').keyId).toBe('k2');
    expect(rotated.open(old).toString()).toBe('before');
  });

  it('refuses an unknown key id and a tampered blob', () => {
    const sealed = new SecretBox([k1]).seal('x');
    expect(() => new SecretBox([k2]).open(sealed)).toThrow(UnknownKeyError);
    sealed.blob[sealed.blob.length - 1]! ^= 1;
    expect(() => new SecretBox([k1]).open(sealed)).toThrow();
  });
});
