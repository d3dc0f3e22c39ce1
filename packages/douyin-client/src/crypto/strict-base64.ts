import { DouyinCryptoError } from './crypto-error.js';

const STRICT = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard base64, refusing anything Node's lenient decoder would silently accept.
 * A lenient decode of a value whose '+' became ' ' produces wrong bytes and a misleading
 * "bad padding" much later; this names the real cause. `field` is a name, never the value.
 */
export function decodeStrictBase64(value: string, field: string): Buffer {
  if (typeof value !== 'string' || value === '') {
    throw new DouyinCryptoError('bad_base64', `${field} is empty or not a string`);
  }
  if (!STRICT.test(value) || value.length % 4 !== 0) {
    const fixed = value.replace(/ /g, '+');
    if (value.includes(' ') && STRICT.test(fixed) && fixed.length % 4 === 0) {
      throw new DouyinCryptoError(
        'plus_became_space',
        `${field} contains spaces where base64 has '+': it went through URL/form decoding; send it as JSON or encode it`,
      );
    }
    throw new DouyinCryptoError('bad_base64', `${field} is not valid base64${hint(value)}`);
  }
  const bytes = Buffer.from(value, 'base64');
  // Non-zero trailing bits decode "fine" but mean the value was cut or altered.
  if (bytes.toString('base64') !== value) {
    throw new DouyinCryptoError('bad_base64', `${field} is not canonical base64 (truncated or altered)`);
  }
  return bytes;
}

function hint(value: string): string {
  if (/%[0-9A-Fa-f]{2}/.test(value)) return ' (it looks URL-encoded)';
  if (/[-_]/.test(value)) return ' (it uses the base64url alphabet)';
  if (/\s/.test(value)) return ' (it contains whitespace)';
  if (value.length % 4 !== 0) return ' (its length is not a multiple of 4: truncated?)';
  return '';
}
