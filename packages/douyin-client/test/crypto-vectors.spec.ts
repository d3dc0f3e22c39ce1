import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DouyinCryptoError,
  assertValidSignature,
  checkUserDataShape,
  decryptPhoneCiphertext,
  decryptUserData,
  verifySignature,
} from '../src/index.js';

interface Expect {
  ok?: Record<string, unknown>;
  reason?: string;
}
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T;

const aes = load<{ cases: { name: string; sessionKey: string; iv: string; encryptedData: string; appId: string; expect: Expect }[] }>('aes.json');
const rsa = load<{ cases: { name: string; privateKeyPem: string; ciphertext: string; appId: string; expect: Expect }[] }>('rsa.json');
const sig = load<{ cases: { name: string; rawData: string; sessionKey: string; signature: string; valid: boolean }[] }>('signature.json');

function catchCrypto(fn: () => unknown): DouyinCryptoError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DouyinCryptoError);
    return err as DouyinCryptoError;
  }
  throw new Error('expected a DouyinCryptoError');
}

/** Secrets of a case must never show up in an error's message or JSON. */
function expectNoSecrets(err: DouyinCryptoError, secrets: string[]): void {
  const text = `${err.message} ${JSON.stringify(err)} ${String(err.stack)}`;
  for (const s of secrets) expect(text).not.toContain(s);
}

describe('decryptUserData against openssl vectors', () => {
  it('covers every failure reason', () => {
    const reasons = new Set(aes.cases.map((c) => c.expect.reason).filter(Boolean));
    for (const r of [
      'bad_base64',
      'plus_became_space',
      'bad_key_length',
      'bad_iv_length',
      'not_block_multiple',
      'bad_padding',
      'not_json',
      'watermark_mismatch',
    ]) {
      expect(reasons).toContain(r);
    }
  });

  for (const c of aes.cases) {
    it(c.name, () => {
      const input = { encryptedData: c.encryptedData, iv: c.iv, sessionKey: c.sessionKey, appId: c.appId };
      if (c.expect.ok) {
        expect(decryptUserData(input)).toEqual(c.expect.ok);
        return;
      }
      const err = catchCrypto(() => decryptUserData(input));
      expect(err.reason).toBe(c.expect.reason);
      expectNoSecrets(err, [c.sessionKey, c.encryptedData.slice(0, 24), '13800000000']);
    });
  }

  it("says '+' became a space when that is what happened", () => {
    const c = aes.cases.find((x) => x.expect.reason === 'plus_became_space')!;
    const err = catchCrypto(() => decryptUserData({ ...c }));
    expect(err.message).toMatch(/'\+'/);
  });

  it('names the mangling on a ciphertext that is not a block multiple', () => {
    const c = aes.cases.find((x) => x.expect.reason === 'not_block_multiple')!;
    expect(catchCrypto(() => decryptUserData({ ...c })).message).toMatch(/multiple of 16.*'\+'/);
  });
});

describe('checkUserDataShape against the same vectors', () => {
  const SHAPE_REASONS = ['bad_base64', 'plus_became_space', 'bad_iv_length', 'not_block_multiple'];
  const reasonOf = (fn: () => unknown): string => {
    try {
      fn();
      return 'passes';
    } catch (err) {
      return (err as DouyinCryptoError).reason;
    }
  };

  it('refuses, without the key, exactly what decryptUserData refuses for the encoding of encryptedData or iv', () => {
    const goodKey = aes.cases.find((c) => c.name === 'aes-128 profile')!.sessionKey;
    const outcomes = aes.cases.map((c) => {
      const full = reasonOf(() => decryptUserData({ ...c, sessionKey: goodKey }));
      return [c.name, reasonOf(() => checkUserDataShape(c)), SHAPE_REASONS.includes(full) ? full : 'passes'];
    });
    for (const [name, shape, expected] of outcomes) expect([name, shape]).toEqual([name, expected]);
    expect(outcomes.filter(([, shape]) => shape !== 'passes').length).toBeGreaterThanOrEqual(3);
  });
});

describe('decryptPhoneCiphertext against openssl vectors', () => {
  for (const c of rsa.cases) {
    it(c.name, () => {
      if (c.expect.ok) {
        expect(decryptPhoneCiphertext(c.ciphertext, c.privateKeyPem, c.appId)).toEqual(c.expect.ok);
        return;
      }
      const err = catchCrypto(() => decryptPhoneCiphertext(c.ciphertext, c.privateKeyPem, c.appId));
      expect(err.reason).toBe(c.expect.reason);
      expectNoSecrets(err, [c.ciphertext.slice(0, 24), 'PRIVATE KEY', '13800000000']);
    });
  }
});

describe('verifySignature against sha1sum vectors', () => {
  for (const c of sig.cases) {
    it(c.name, () => {
      expect(verifySignature(c.rawData, c.signature, c.sessionKey)).toBe(c.valid);
      if (c.valid) {
        expect(() => assertValidSignature(c.rawData, c.signature, c.sessionKey)).not.toThrow();
      } else {
        const err = catchCrypto(() => assertValidSignature(c.rawData, c.signature, c.sessionKey));
        expect(err.reason).toBe('bad_signature');
        expectNoSecrets(err, [c.sessionKey, c.signature]);
      }
    });
  }
});
