import * as z from 'zod/mini';

/**
 * The old getPhoneNumber flow: `e.detail.encryptedData` and `e.detail.iv`, decrypted with the
 * session's key. `tt.login` must not run between the login and the tap (it rotates the key).
 */
export const ZPhoneEncryptedRequest = z.strictObject({
  /** Base64 AES-CBC ciphertext from `e.detail.encryptedData`; not trimmed. */
  encryptedData: z.string().check(z.minLength(1), z.maxLength(8192)),
  /** Base64 16-byte IV from `e.detail.iv`. */
  iv: z.string().check(z.minLength(1), z.maxLength(64)),
});

/** The new flow (base library 3.51.0+): the single-use `e.detail.code`, redeemed by the server. */
export const ZPhoneCodeRequest = z.strictObject({
  /** `e.detail.code`: single-use, valid 5 minutes; not the tt.login code. */
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)),
});

/** `POST /me/phone`: either flow's fields, never both. */
export const ZPhoneRequest = z.union([ZPhoneEncryptedRequest, ZPhoneCodeRequest]);
export type TPhoneRequest = z.infer<typeof ZPhoneRequest>;

/** The stored number as the mini-program may show it: the full number never leaves the server. */
export const ZPhoneResponse = z.object({
  /** e.g. `138****5678`. */
  phoneMasked: z.string(),
  /** Country calling code without '+', e.g. `86`. */
  countryCode: z.string(),
});
export type TPhoneResponse = z.infer<typeof ZPhoneResponse>;
