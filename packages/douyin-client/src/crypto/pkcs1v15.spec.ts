import { describe, expect, it } from 'vitest';
import { unpadPkcs1v15 } from './pkcs1v15.js';
import { decodeStrictBase64 } from './strict-base64.js';

function block(k: number, head: number[], ps: number[], msg: number[]): Uint8Array {
  const em = new Uint8Array(k);
  em.set([...head, ...ps, 0, ...msg]);
  return em;
}

describe('unpadPkcs1v15', () => {
  const ps8 = [1, 2, 3, 4, 5, 6, 7, 8];

  it('accepts 00 02 PS(8) 00 M and points at M', () => {
    const em = block(32, [0, 2], [...ps8, 9, 9, 9], []);
    em.fill(0x41, 14);
    expect(unpadPkcs1v15(em)).toEqual({ good: 1, start: 14 });
  });

  it('accepts an empty message', () => {
    const em = new Uint8Array(16).fill(7);
    em[0] = 0;
    em[1] = 2;
    em[15] = 0;
    expect(unpadPkcs1v15(em)).toEqual({ good: 1, start: 16 });
  });

  it.each([
    ['first byte not 0', block(32, [1, 2], ps8, [65])],
    ['block type 1', block(32, [0, 1], ps8, [65])],
    ['padding string of 7', block(32, [0, 2], ps8.slice(1), [65])],
  ])('refuses %s', (_name, em) => {
    expect(unpadPkcs1v15(em)).toEqual({ good: 0, start: 32 });
  });

  it('refuses a block without a zero separator', () => {
    const em = new Uint8Array(32).fill(9);
    em[0] = 0;
    em[1] = 2;
    expect(unpadPkcs1v15(em).good).toBe(0);
  });
});

describe('decodeStrictBase64', () => {
  it('decodes canonical base64', () => {
    expect(decodeStrictBase64('aGVsbG8=', 'f').toString()).toBe('hello');
  });

  it.each([
    ['a space for a plus', 'ab c', 'plus_became_space'],
    ['bad characters', 'ab*c', 'bad_base64'],
    ['base64url', 'ab-_', 'bad_base64'],
    ['missing padding', 'aGVsbG8', 'bad_base64'],
    ['a line break', 'aGVs\nbG8=', 'bad_base64'],
    ['non-zero trailing bits', 'aGVsbG9=', 'bad_base64'],
    ['empty', '', 'bad_base64'],
  ])('refuses %s', (_name, value, reason) => {
    expect(() => decodeStrictBase64(value, 'field')).toThrow(expect.objectContaining({ reason }));
  });
});
