import { z } from 'zod';

/**
 * `POST /me/profile`: the result of `tt.getUserProfile`, passed on unchanged. The server
 * decrypts `encryptedData` with the session's key and trusts only what it decrypted.
 * Base64 fields are not trimmed: a space where a '+' was is a diagnosable corruption.
 */
export const ZProfileRequest = z
  .object({
    /** The JSON string `getUserProfile` returned, used only to check `signature`. */
    rawData: z.string().min(2).max(4096),
    /** Hex sha1(rawData + session_key), as `getUserProfile` returned it. */
    signature: z.string().min(1).max(128),
    /** Base64 AES-CBC ciphertext of the profile and its watermark. */
    encryptedData: z.string().min(1).max(8192),
    /** Base64 16-byte IV of `encryptedData`. */
    iv: z.string().min(1).max(64),
  })
  .strict();
export type TProfileRequest = z.infer<typeof ZProfileRequest>;
