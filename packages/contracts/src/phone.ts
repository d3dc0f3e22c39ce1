import { z } from 'zod';

/**
 * The old getPhoneNumber flow: `e.detail.encryptedData` and `e.detail.iv`, decrypted with the
 * session's key. `tt.login` must not run between the login and the tap (it rotates the key).
 */
export const ZPhoneEncryptedRequest = z
  .object({
    /** Base64 AES-CBC ciphertext from `e.detail.encryptedData`; not trimmed. */
    encryptedData: z.string().min(1).max(8192),
    /** Base64 16-byte IV from `e.detail.iv`. */
    iv: z.string().min(1).max(64),
  })
  .strict();

/** The new flow (base library 3.51.0+): the single-use `e.detail.code`, redeemed by the server. */
export const ZPhoneCodeRequest = z
  .object({
    /** `e.detail.code`: single-use, valid 5 minutes; not the tt.login code. */
    code: z.string().trim().min(1).max(256),
  })
  .strict();

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
