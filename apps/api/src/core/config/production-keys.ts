/**
 * Production checks of the configured secrets by value: a key equal to a public development
 * value (whatever its id or variable), a key that is obviously not random, one key serving two
 * purposes. Problems name the variable and the reason, never the value.
 *
 * Hand-written rather than an entropy estimator library (zxcvbn and friends): those score
 * passwords typed by people, these keys come from `openssl rand`, and what must be caught is a
 * handful of mistakes (a placeholder, a copied development key, a key typed by hand) with no
 * false alarm on a random key.
 */

export type KeyVariable = 'DATA_ENCRYPTION_KEYS' | 'PHONE_HASH_KEY' | 'ADMIN_API_KEY';

export interface KeyProblem {
  variable: KeyVariable;
  message: string;
}

export interface ConfiguredKeys {
  dataKeys: readonly { id: string; key: Buffer }[];
  phoneHashKey: Buffer;
  adminApiKey: string;
}

/**
 * Fewest distinct byte values a key of 32 bytes or more may have. 32 random bytes have 30.1 on
 * average; fewer than 16 happens to one random key in 3·10^16 (exact occupancy distribution),
 * and longer keys are less likely still. A key typed by hand or made of text rarely gets there.
 */
export const MIN_DISTINCT_KEY_BYTES = 16;

/**
 * Fewest distinct characters an ADMIN_API_KEY may have. The shortest accepted key (32
 * characters) from `openssl rand -hex 16` draws from 16 symbols: fewer than 6 distinct happens
 * to one in 3·10^12; `openssl rand -hex 32` (64 characters) or base64 keys, far less often.
 */
export const MIN_DISTINCT_ADMIN_KEY_CHARS = 6;

/**
 * Why a key is obviously not random, or null. `symbols` are its bytes or characters. A key that
 * repeats a unit of at most half its length (one byte repeated, `abcabc…`) has no more secret
 * than the unit. A random key of 32 symbols or more does that with probability about 16^-16
 * (hex characters, 10^-19) or 256^-16 (bytes).
 */
export function lowEntropyReason(symbols: readonly number[], minDistinct: number, unit: 'bytes' | 'characters'): string | null {
  const distinct = new Set(symbols).size;
  if (distinct === 1) return `is one ${unit === 'bytes' ? 'byte' : 'character'} repeated`;
  for (let period = 2; period <= symbols.length / 2; period++) {
    if (symbols.every((symbol, i) => i < period || symbol === symbols[i - period])) {
      return `repeats a pattern of ${period} ${unit}`;
    }
  }
  if (distinct < minDistinct) return `has only ${distinct} distinct ${unit} (at least ${minDistinct} required)`;
  return null;
}

const bytesOf = (key: Buffer): number[] => [...key];
const charsOf = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0)!);

/** Everything a public value may look like once configured: its base64 decoding or its text. */
function publicForms(publicValues: readonly string[]): Buffer[] {
  return publicValues.flatMap((value) => [Buffer.from(value, 'base64'), Buffer.from(value, 'utf8')]).filter((form) => form.length >= 16);
}

const GENERATE = {
  DATA_ENCRYPTION_KEYS: 'generate each key with `openssl rand -base64 32`',
  PHONE_HASH_KEY: 'generate it with `openssl rand -base64 32`',
  ADMIN_API_KEY: 'generate it with `openssl rand -hex 32`',
} as const;

/** Every problem of the configured keys in production; `publicValues` are the development defaults. */
export function productionKeyProblems(keys: ConfiguredKeys, publicValues: readonly string[]): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const add = (variable: KeyVariable, reason: string) => problems.push({ variable, message: `${reason}; ${GENERATE[variable]}` });
  const isPublic = (key: Buffer) => publicForms(publicValues).some((form) => form.equals(key));

  for (const { id, key } of keys.dataKeys) {
    if (isPublic(key)) add('DATA_ENCRYPTION_KEYS', `must be set in production: key "${id}" is a public development key`);
    else {
      const weak = lowEntropyReason(bytesOf(key), MIN_DISTINCT_KEY_BYTES, 'bytes');
      if (weak) add('DATA_ENCRYPTION_KEYS', `key "${id}" ${weak}, not a random key`);
    }
  }
  keys.dataKeys.forEach(({ id, key }, i) => {
    const twin = keys.dataKeys.slice(0, i).find((other) => other.key.equals(key));
    if (twin) add('DATA_ENCRYPTION_KEYS', `keys "${twin.id}" and "${id}" are the same key`);
  });

  if (isPublic(keys.phoneHashKey)) add('PHONE_HASH_KEY', 'must be set in production: it is a public development key');
  else {
    const weak = lowEntropyReason(bytesOf(keys.phoneHashKey), MIN_DISTINCT_KEY_BYTES, 'bytes');
    if (weak) add('PHONE_HASH_KEY', `${weak}, not a random key`);
  }
  const sameAsData = keys.dataKeys.find(({ key }) => key.equals(keys.phoneHashKey));
  if (sameAsData) add('PHONE_HASH_KEY', `is the same key as DATA_ENCRYPTION_KEYS key "${sameAsData.id}" (one key, one purpose)`);

  const admin = keys.adminApiKey;
  const adminBytes = Buffer.from(admin, 'utf8');
  if (publicValues.includes(admin) || isPublic(adminBytes)) add('ADMIN_API_KEY', 'must be set in production: it is a public development value');
  else {
    const weak = lowEntropyReason(charsOf(admin), MIN_DISTINCT_ADMIN_KEY_CHARS, 'characters');
    if (weak) add('ADMIN_API_KEY', `${weak}, not a random key`);
  }
  // The admin key travels in request headers (proxies may log them): it must not be a storage key.
  const storageKeys = [...keys.dataKeys.map(({ key }) => key), keys.phoneHashKey];
  if (storageKeys.some((key) => key.equals(adminBytes) || key.equals(Buffer.from(admin, 'base64')) || key.toString('hex') === admin.toLowerCase())) {
    add('ADMIN_API_KEY', 'is one of the DATA_ENCRYPTION_KEYS or the PHONE_HASH_KEY (it travels in request headers; give it its own key)');
  }
  return problems;
}
