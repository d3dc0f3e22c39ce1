import { AppError } from '../../core/errors/app-error.js';

/** A number the API accepts, in the forms it stores. Never log or return `e164`. */
export interface ValidPhoneNumber {
  countryCode: string;
  /** `+<country code><national number>`: what is sealed and hashed. */
  e164: string;
  /** e.g. `138****5678`: safe to show and to log. */
  masked: string;
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const OTHER_NATIONAL = /^\d{4,15}$/;

/**
 * Checks a decrypted phone payload's `countryCode` and `purePhoneNumber` (the platform's
 * `phoneNumber` field mixes in the country code and spaces, so it is not used). Errors name
 * the country code only: the number itself never appears in a message.
 */
export function toValidPhoneNumber(data: { countryCode?: unknown; purePhoneNumber?: unknown }): ValidPhoneNumber {
  const { countryCode, purePhoneNumber: national } = data;
  // Calling codes never start with 0; a leading 0 would make two spellings of one number.
  if (typeof countryCode !== 'string' || !/^[1-9]\d{0,3}$/.test(countryCode)) {
    throw new AppError('PHONE_NUMBER_INVALID', 'The phone number has no valid country code (1 to 4 digits)');
  }
  const shape = countryCode === '86' ? MAINLAND_MOBILE : OTHER_NATIONAL;
  if (typeof national !== 'string' || !shape.test(national)) {
    throw new AppError(
      'PHONE_NUMBER_INVALID',
      countryCode === '86'
        ? 'The phone number is not a mainland China mobile number (11 digits starting 13–19)'
        : 'The phone number must be 4 to 15 digits',
      { countryCode },
    );
  }
  return { countryCode, e164: `+${countryCode}${national}`, masked: maskPhoneNumber(national) };
}

/**
 * `13812345678` → `138****5678`. Shorter numbers keep a quarter at each end, so at least
 * half the digits stay hidden; always four stars, so the mask does not tell the length.
 */
export function maskPhoneNumber(national: string): string {
  const digits = Array.from(national);
  const [head, tail] = digits.length >= 11 ? [3, 4] : [Math.floor(digits.length / 4), Math.floor(digits.length / 4)];
  return `${digits.slice(0, head).join('')}****${tail ? digits.slice(-tail).join('') : ''}`;
}
