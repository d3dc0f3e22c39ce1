import * as z from 'zod/mini';

/**
 * Every error code the API can answer with, and the HTTP status it travels with.
 * Codes are stable: the mini-program switches on them, so rename never, add freely.
 */
export const ERROR_CODES = {
  /** The request body, query or params failed validation; `details` lists the issues. */
  VALIDATION_FAILED: 400,
  /** The body is not parseable JSON. */
  MALFORMED_JSON: 400,
  /** The Douyin login code is invalid, expired or already used: call tt.login again. */
  LOGIN_CODE_INVALID: 400,
  /** The Douyin anonymous code is invalid, expired or already used: call tt.login again. */
  ANONYMOUS_CODE_INVALID: 400,
  /**
   * The payload does not open with this session's key, usually because tt.login ran again since
   * the last POST /auth/login: log in again, then call the tt API again and retry. The one
   * answer to every payload that fails to decrypt or verify (padding, JSON, watermark, signature,
   * fields that differ from rawData), always without details, so it reveals nothing about the
   * ciphertext. Repeated failures spend a per-user budget: then 429 RATE_LIMITED.
   */
  SESSION_KEY_STALE: 409,
  /** A base64 field was damaged on the way (e.g. '+' turned into a space); `details.reason` says how. */
  PAYLOAD_CORRUPTED: 400,
  /** The payload's signature does not match. Not answered by the API: see SESSION_KEY_STALE. */
  SIGNATURE_INVALID: 400,
  /** The payload was made for another mini-program. Not answered by the API: see SESSION_KEY_STALE. */
  WATERMARK_MISMATCH: 400,
  /** The getPhoneNumber code is invalid, expired or already used: ask for the number again. */
  PHONE_CODE_INVALID: 400,
  /** The phone number is not one the API accepts (country code or number shape). */
  PHONE_NUMBER_INVALID: 400,
  /** This call needs a session whose login carried a `code` (a user logged in to the host app). */
  LOGIN_REQUIRED: 403,
  /** No session token, or one that is unknown, expired or revoked. */
  UNAUTHENTICATED: 401,
  /** Authenticated, but not allowed to do this. */
  FORBIDDEN: 403,
  /** No such route or resource. */
  NOT_FOUND: 404,
  /** The HTTP method is not allowed on this route. */
  METHOD_NOT_ALLOWED: 405,
  /** The request conflicts with stored state (e.g. a unique value already taken). */
  CONFLICT: 409,
  /** The user already keeps the maximum number of addresses (`details.limit`): delete one first. */
  ADDRESS_LIMIT_REACHED: 409,
  /** A template id is not in the app's template registry; `details.templateIds` lists them. */
  TEMPLATE_UNKNOWN: 400,
  /** One-time and long-term templates were asked for in one tt.requestSubscribeMessage call. */
  TEMPLATE_KINDS_MIXED: 400,
  /**
   * The user has not granted this template (one-time: no credit left; long-term: not accepted):
   * nothing was sent. Ask again with tt.requestSubscribeMessage.
   */
  NOT_SUBSCRIBED: 409,
  /**
   * The user already holds the most one-time credits the API keeps for this template
   * (`details.limit`, far above real use): nothing was recorded. Send a message first.
   */
  SUBSCRIPTION_CREDIT_LIMIT: 409,
  /** A webhook whose X-Douyin-Signature does not match its body and the app secret: nothing was stored. */
  WEBHOOK_SIGNATURE_INVALID: 401,
  /** The body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: 413,
  /** The body's content type is not accepted (send application/json). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many requests from this client; see `Retry-After`. */
  RATE_LIMITED: 429,
  /** Unexpected server fault; quote `requestId` when reporting it. */
  INTERNAL: 500,
  /** Douyin answered with an error the API cannot turn into anything better. */
  UPSTREAM_ERROR: 502,
  /** Douyin is unreachable or busy; retry later. */
  UPSTREAM_UNAVAILABLE: 503,
  /** The server is up but not ready (database unreachable or migrations pending). */
  NOT_READY: 503,
  /** The database did not answer in time (stalled, locked or unreachable); see `Retry-After`. */
  DATABASE_UNAVAILABLE: 503,
  /** The server is overloaded and sheds this request rather than queue it; see `Retry-After`. */
  SERVER_BUSY: 503,
  /** The HTTP request itself is malformed (bad framing, invalid header); it never reached a route. */
  MALFORMED_REQUEST: 400,
  /** The request's headers or body did not arrive within the server's time limit. */
  REQUEST_TIMEOUT: 408,
  /** The request's headers are larger than the server accepts. */
  HEADERS_TOO_LARGE: 431,
} as const satisfies Record<string, number>;

export type TErrorCode = keyof typeof ERROR_CODES;

export const ZErrorCode = z.enum(Object.keys(ERROR_CODES) as [TErrorCode, ...TErrorCode[]]);

/** HTTP status for an error code: the single table both sides read. */
export function httpStatusOf(code: TErrorCode): number {
  return ERROR_CODES[code];
}

/** One validation problem: where (`path`, dot-joined) and what. */
export const ZValidationIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type TValidationIssue = z.infer<typeof ZValidationIssue>;

/** The body of every error response. */
export const ZErrorEnvelope = z.object({
  error: z.object({
    code: ZErrorCode,
    /** Human-readable, safe to show to a developer; never contains secrets. */
    message: z.string(),
    /** Correlates with the server's logs. */
    requestId: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type TErrorEnvelope = z.infer<typeof ZErrorEnvelope>;
