/**
 * Keys whose values never reach a log line, wherever they sit in a logged object. Compared
 * after lower-casing and dropping `_`/`-`, so `session_key`, `sessionKey` and `Session-Key`
 * all match. `code` is here because Douyin's login and phone codes are one-time credentials,
 * which also hides plain error codes under that key: log those as `errorCode`.
 */
const SECRET_KEYS = new Set([
  'sessionkey',
  'token',
  'accesstoken',
  'clienttoken',
  'refreshtoken',
  'secret',
  'appsecret',
  'clientsecret',
  'password',
  'code',
  'anonymouscode',
  'encrypteddata',
  'iv',
  'signature',
  'rawdata',
  'phone',
  'phonenumber',
  'purephonenumber',
  'telnumber',
  'authorization',
  'cookie',
  'setcookie',
  'privatekey',
  'privatekeypem',
]);

/** Any key ending like this is a secret too (`appAccessToken`, `douyinAppSecret`, ...). */
const SECRET_SUFFIXES = ['token', 'secret', 'sessionkey', 'password', 'privatekey'];

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 8;

/**
 * Verdicts already reached: log lines reuse a small set of keys (every access line has the same
 * five), so most lookups skip the normalising. Bounded, since logged objects can carry keys
 * from outside (an upstream answer).
 */
const VERDICTS = new Map<string, boolean>();
const MAX_VERDICTS = 2000;

export function isSecretKey(key: string): boolean {
  let verdict = VERDICTS.get(key);
  if (verdict === undefined) {
    const normalized = key.toLowerCase().replace(/[_-]/g, '');
    verdict = SECRET_KEYS.has(normalized) || SECRET_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
    if (VERDICTS.size < MAX_VERDICTS) VERDICTS.set(key, verdict);
  }
  return verdict;
}

/** A plain object of plain values and no secret key (an access line): nothing to redact or copy. */
function isFlatAndClean(value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if ((item !== null && typeof item === 'object') || isSecretKey(key)) return false;
  }
  return true;
}

/**
 * A copy of `value` with every secret key's value replaced, at any depth (pino's own `redact`
 * takes fixed paths, which cannot say "this key anywhere"). Errors become plain objects so
 * their own fields (a client error's `details`) are walked too; cycles and depth are cut.
 */
export function redactSecrets(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && isFlatAndClean(value)) return value;
  return redactWalk(value, 0, new WeakSet<object>());
}

function redactWalk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.constructor.name}]`;
  if (Array.isArray(value)) return value.map((item) => redactWalk(item, depth + 1, seen));
  const source: Record<string, unknown> = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    copy[key] = isSecretKey(key) ? REDACTED : redactWalk(item, depth + 1, seen);
  }
  return copy;
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  Object.assign(fields, error);
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}
