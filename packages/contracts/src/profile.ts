import * as z from 'zod/mini';

/**
 * `POST /me/profile`: the result of `tt.getUserProfile`, passed on unchanged. The server
 * decrypts `encryptedData` with the session's key and trusts only what it decrypted.
 * Base64 fields are not trimmed: a space where a '+' was is a diagnosable corruption.
 */
export const ZProfileRequest = z.strictObject({
  /** The JSON string `getUserProfile` returned, used only to check `signature`. */
  rawData: z.string().check(z.minLength(2), z.maxLength(4096)),
  /** Hex sha1(rawData + session_key), as `getUserProfile` returned it. */
  signature: z.string().check(z.minLength(1), z.maxLength(128)),
  /** Base64 AES-CBC ciphertext of the profile and its watermark. */
  encryptedData: z.string().check(z.minLength(1), z.maxLength(8192)),
  /** Base64 16-byte IV of `encryptedData`. */
  iv: z.string().check(z.minLength(1), z.maxLength(64)),
});
export type TProfileRequest = z.infer<typeof ZProfileRequest>;
