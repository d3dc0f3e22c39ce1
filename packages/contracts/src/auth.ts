import * as z from 'zod/mini';

/** A code from `tt.login`: single-use, short-lived. */
const ZLoginCode = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));

/**
 * `POST /auth/login`: what `tt.login` returned. `code` comes only when the user is logged in
 * to the host app; `anonymousCode` always. At least one is required.
 */
export const ZLoginRequest = z
  .strictObject({
    code: z.optional(ZLoginCode),
    anonymousCode: z.optional(ZLoginCode),
  })
  .check(
    z.refine((body) => body.code !== undefined || body.anonymousCode !== undefined, {
      error: 'code or anonymousCode is required',
      path: ['code'],
    }),
  )
  // The refine above, said in JSON Schema for the OpenAPI document (a refine has no JSON form).
  .register(z.globalRegistry, { anyOf: [{ required: ['code'] }, { required: ['anonymousCode'] }] });
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** The user as the mini-program sees it: never a secret, never a raw phone number. */
export const ZUser = z.object({
  id: z.uuid(),
  /** True while only an anonymous_openid is known (the user is not logged in to the host app). */
  isAnonymous: z.boolean(),
  nickname: z.nullable(z.string()),
  avatarUrl: z.nullable(z.string()),
  /** 0 unknown, 1 male, 2 female (getUserProfile's values). */
  gender: z.nullable(z.union([z.literal(0), z.literal(1), z.literal(2)])),
  country: z.nullable(z.string()),
  province: z.nullable(z.string()),
  city: z.nullable(z.string()),
  /** Masked, e.g. `138****5678`. */
  phoneMasked: z.nullable(z.string()),
  createdAt: z.iso.datetime(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZLoginResponse = z.object({
  /** Opaque bearer token; send as `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: ZUser,
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

/** `POST /auth/logout`: the session is revoked; the token no longer works. */
export const ZLogoutResponse = z.object({ revoked: z.literal(true) });
export type TLogoutResponse = z.infer<typeof ZLogoutResponse>;
