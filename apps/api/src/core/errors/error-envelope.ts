import { HttpException } from '@nestjs/common';
import { httpStatusOf, type TErrorCode, type TErrorEnvelope } from '@douyin-kit/contracts';
import { WebhookChallengeError, WebhookSignatureError } from '@douyin-kit/nestjs';
import { AppError } from './app-error.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-errors.js';

export interface MappedError {
  status: number;
  code: TErrorCode;
  message: string;
  details?: unknown;
}

/** Fastify's own errors (raised before a route handler runs) that are the client's fault. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: TErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: 'Body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', message: 'Body is empty but content-type is JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', message: 'Bad content-length' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Bad content-type' },
  // Raised by the router (see framework-errors.ts); their own messages quote the whole URL.
  FST_ERR_BAD_URL: { code: 'VALIDATION_FAILED', message: 'The URL is not valid percent-encoded UTF-8' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'VALIDATION_FAILED', message: 'A path parameter is too long' },
};

const HTTP_STATUS_CODES: Record<number, TErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Maps anything thrown while serving a request to the shared error table. Returns null for
 * errors that are not understood: those are the server's fault and become a generic 500.
 */
export function mapError(error: unknown): MappedError | null {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  // @douyin-kit/nestjs's webhook guard and challenge responder: the API's own codes and messages.
  if (error instanceof WebhookSignatureError) return WEBHOOK_SIGNATURE_INVALID;
  if (error instanceof WebhookChallengeError) {
    return { status: httpStatusOf('VALIDATION_FAILED'), code: 'VALIDATION_FAILED', message: 'verify_webhook without a numeric content.challenge' };
  }
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own 4xx errors (bad JSON, body too large, ...) with the original
    // as `cause`: its code is more precise than the status alone.
    const fastify = fastifyClientError(error.cause);
    if (fastify) return fastify;
    const status = error.getStatus();
    const code = HTTP_STATUS_CODES[status];
    return code ? { status, code, message: error.message } : null;
  }
  if (isDatabaseUnavailable(error)) return DATABASE_UNAVAILABLE;
  return fastifyClientError(error);
}

const WEBHOOK_SIGNATURE_INVALID: MappedError = {
  status: httpStatusOf('WEBHOOK_SIGNATURE_INVALID'),
  code: 'WEBHOOK_SIGNATURE_INVALID',
  message: 'X-Douyin-Signature does not match the body: not from Douyin, nothing stored',
};

/** A stalled, locked or unreachable database (database-errors.ts): retry shortly, maybe elsewhere. */
const DATABASE_UNAVAILABLE: MappedError = {
  status: httpStatusOf('DATABASE_UNAVAILABLE'),
  code: 'DATABASE_UNAVAILABLE',
  message: 'The database did not answer in time: retry after Retry-After seconds',
  details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
};

function fastifyClientError(error: unknown): MappedError | null {
  const fastifyCode = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_CLIENT_ERRORS) {
    const known = FASTIFY_CLIENT_ERRORS[fastifyCode]!;
    return { status: httpStatusOf(known.code), ...known };
  }
  return null;
}

export function toEnvelope(mapped: MappedError, requestId: string): TErrorEnvelope {
  return {
    error: {
      code: mapped.code,
      message: mapped.message,
      requestId,
      ...(mapped.details === undefined ? {} : { details: mapped.details }),
    },
  };
}

export const INTERNAL_ERROR: MappedError = {
  status: 500,
  code: 'INTERNAL',
  message: 'Internal server error',
};
