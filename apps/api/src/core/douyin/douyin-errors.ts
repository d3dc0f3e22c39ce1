import { DouyinApiError, DouyinTransportError } from '@douyin-kit/douyin-client';
import { AppError } from '../errors/app-error.js';

/** How long a client should wait before retrying when Douyin is busy or unreachable. */
const RETRY_AFTER_SECONDS = 3;

/**
 * Turns a failure of a Douyin call into the API's error model. Feature modules handle the
 * kinds they can name better (a bad login code, a bad phone code) and pass the rest here:
 * busy or unreachable → 503 with retry advice; anything else → 502, logged with Douyin's
 * error number and log id (never a secret: the client's errors carry none), which the error
 * filter writes with the request id.
 */
export function toUpstreamError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DouyinTransportError || (error instanceof DouyinApiError && (error.kind === 'system_busy' || error.kind === 'rate_limited'))) {
    return new AppError(
      'UPSTREAM_UNAVAILABLE',
      'Douyin is unavailable; retry shortly',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      { log: { level: 'warn', message: `${operation}: Douyin unavailable (${describe(error)})` } },
    );
  }
  return new AppError('UPSTREAM_ERROR', 'Douyin refused the request', undefined, {
    log: { level: 'error', message: `${operation}: Douyin error (${describe(error)})` },
  });
}

function describe(error: unknown): string {
  if (error instanceof DouyinApiError) return `errNo ${error.errNo}, kind ${error.kind}, log_id ${error.logId ?? '-'}`;
  if (error instanceof DouyinTransportError) return `transport ${error.kind}`;
  return error instanceof Error ? error.name : 'unknown';
}
