import { DouyinApiError, type DouyinError, DouyinTransportError } from './errors/douyin-errors.js';

/**
 * When the request sender may send a request again. Each policy belongs to one kind of
 * operation and says why repeating it is safe.
 */
export interface RetryPolicy {
  /** Name shown in logs. */
  readonly name: string;
  /** Whether this failure may be retried (the attempt budget is the sender's). */
  shouldRetry(error: DouyinError): boolean;
}

function neverConnected(error: DouyinError): boolean {
  return error instanceof DouyinTransportError && !error.mayHaveReachedServer;
}

function systemBusy(error: DouyinError): boolean {
  return error instanceof DouyinApiError && error.kind === 'system_busy';
}

/**
 * Token fetches. Each successful fetch cuts the previous token's life to 5 minutes, so a retry
 * is only safe when the server certainly issued nothing: the connection never opened, or it
 * answered with an error envelope saying it was busy. A timeout or reset after sending may
 * have issued a token we never saw, so it is not retried (the broker still has the old one).
 */
export const tokenFetchPolicy: RetryPolicy = {
  name: 'token_fetch',
  shouldRetry: (e) => neverConnected(e) || systemBusy(e),
};

/**
 * Single-use codes (login code, anonymous code, phone code). Once the request may have reached
 * the server the code may be consumed, and a second try would only turn the real failure into
 * a misleading 40018. Whether a -1 "system error" answer consumed the code is not documented, so
 * that is not retried either: the mini-program can get a fresh code with `tt.login` at once.
 */
export const singleUseCodePolicy: RetryPolicy = {
  name: 'single_use_code',
  shouldRetry: neverConnected,
};

/**
 * Message sends are not idempotent (no request id upstream): any attempt that may have reached
 * the server could have delivered the message, and internal errors (2000 / 28001005) do not say
 * it was not delivered. Retry only when the connection never opened.
 */
export const sendOncePolicy: RetryPolicy = {
  name: 'send_once',
  shouldRetry: neverConnected,
};

/** Pure reads with no side effect: repeating is always harmless, except against a rate limit. */
export const readPolicy: RetryPolicy = {
  name: 'read',
  shouldRetry: (e) => systemBusy(e) || (e instanceof DouyinTransportError && (e.kind !== 'http_error' || (e.httpStatus ?? 0) >= 500)),
};
