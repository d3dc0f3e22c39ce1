import type { TErrorCode } from '@douyin-kit/contracts'

/**
 * The contract's codes, plus those the client itself decides: no answer, an answer off the
 * contract, and a payload still refused as SESSION_KEY_STALE right after a fresh login (the app
 * stops logging in again and asks the user to).
 */
export type TApiErrorCode = TErrorCode | 'NETWORK_FAILED' | 'RESPONSE_INVALID' | 'RELOGIN_REQUIRED'

/** Every failed API call ends here, so pages switch on `code`, never on message text. */
export class ApiError extends Error {
  constructor(
    readonly code: TApiErrorCode,
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's request id, to quote when reporting a problem. */
    readonly requestId?: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function isApiError(e: unknown, ...codes: TApiErrorCode[]): e is ApiError {
  return e instanceof ApiError && (codes.length === 0 || codes.includes(e.code))
}
