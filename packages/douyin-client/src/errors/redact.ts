import { isRecord } from '../type-guards.js';

/**
 * Keys whose values are secret or personal wherever they appear in a request or response body.
 * `code` covers login, anonymous and phone codes: single-use, but a leaked unused one logs a user in.
 */
const SECRET_KEY = /token|secret|session_?key|(^|_)code$|phone|encrypt|private|signature/i;
/** Error-number fields that the pattern above would otherwise catch. */
const NOT_SECRET = new Set(['error_code', 'err_code']);

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.has(key.toLowerCase());
}

/** Placeholder written in place of secret values. */
export const REDACTED = '[redacted]';

/**
 * Deep-copies a parsed JSON body with secret fields replaced, so an error can keep the platform's
 * answer for debugging without carrying tokens or keys into logs. `error_code` and friends are
 * numbers and stay readable. `known` are values this request sent, scrubbed from any text.
 */
export function redactBody(value: unknown, known: readonly string[] = [], key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => redactBody(v, known, key));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactBody(v, known, k);
    return out;
  }
  if (typeof value !== 'string' || value === '') return value;
  // The phone API returns its ciphertext as a bare string under `data`.
  if (isSecretKey(key) || key === 'data') return REDACTED;
  return redactKnown(value, known);
}

/**
 * Removes known secret values (the ones this request sent) from free text such as a platform
 * message, in case the platform echoes a parameter back.
 */
export function redactKnown(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values (e.g. grant types) are not secrets and would mangle the text.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}
