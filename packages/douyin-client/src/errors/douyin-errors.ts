import { type DouyinApiErrorKind, type DouyinApiErrorReason, kindOfErrNo, reasonOfErrNo } from './error-kinds.js';

/** Base class of every error this client throws about a call to the platform. */
export abstract class DouyinError extends Error {
  /** Name of the client operation, e.g. `code2session`. */
  readonly operation: string;
  /** Path of the endpoint (never a full URL: no host, no query string). */
  readonly endpoint: string;
  /** What went wrong; narrowed by each subclass. */
  abstract readonly kind: string;

  protected constructor(message: string, operation: string, endpoint: string) {
    super(message);
    this.operation = operation;
    this.endpoint = endpoint;
  }
}

/** Fields of a platform error as read from its response envelope. */
export interface DouyinApiErrorInit {
  operation: string;
  endpoint: string;
  errNo: number;
  /** Platform message, already stripped of any echoed secret. */
  platformMessage: string;
  logId?: string;
  httpStatus: number;
  /** Parsed response body with secret fields redacted. */
  raw: unknown;
}

/**
 * The platform answered with an error envelope. `kind` says what to do about it, `reason` (for
 * some operations) which input was refused; `errNo`, `logId` and `raw` are what the platform's
 * support asks for. Callers switch on `kind` and `reason`, never on `errNo`.
 */
export class DouyinApiError extends DouyinError {
  override readonly name = 'DouyinApiError';
  readonly kind: DouyinApiErrorKind;
  /** Which input the operation's platform error refers to, when it names one. */
  readonly reason: DouyinApiErrorReason | undefined;
  readonly errNo: number;
  /** The platform's own message (err_msg / err_tips / errmsg / description). */
  readonly platformMessage: string;
  readonly logId: string | undefined;
  readonly httpStatus: number;
  /** Response body, secrets redacted. */
  readonly raw: unknown;

  constructor(init: DouyinApiErrorInit) {
    const kind = kindOfErrNo(init.errNo);
    const reason = reasonOfErrNo(init.operation, init.errNo);
    const log = init.logId ? ` log_id=${init.logId}` : '';
    super(
      `Douyin ${init.operation} failed: ${init.errNo} ${init.platformMessage} (${kind}${reason ? `: ${reason}` : ''})${log}`,
      init.operation,
      init.endpoint,
    );
    this.kind = kind;
    this.reason = reason;
    this.errNo = init.errNo;
    this.platformMessage = init.platformMessage;
    this.logId = init.logId;
    this.httpStatus = init.httpStatus;
    this.raw = init.raw;
  }

  /** Plain fields for structured logs; nothing secret is ever stored on the error. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      reason: this.reason,
      errNo: this.errNo,
      logId: this.logId,
      operation: this.operation,
      endpoint: this.endpoint,
      httpStatus: this.httpStatus,
      raw: this.raw,
    };
  }
}

/** Why a call got no usable answer from the platform. */
export type DouyinTransportErrorKind =
  /** Connection failed or broke (refused, DNS, reset, hang-up). */
  | 'network'
  /** No answer within the connect or response timeout. */
  | 'timeout'
  /** The server answered with a non-2xx status and no platform envelope. */
  | 'http_error'
  /** The server answered 2xx with a body that is not a JSON object. */
  | 'bad_response';

export interface DouyinTransportErrorInit {
  operation: string;
  endpoint: string;
  kind: DouyinTransportErrorKind;
  /**
   * False only when the request certainly never left this process (connection refused, DNS
   * failure, connect timeout): then a retry cannot repeat a side effect.
   */
  mayHaveReachedServer: boolean;
  /** Low-level error code, e.g. ECONNREFUSED, ECONNRESET, ETIMEDOUT. */
  code?: string;
  httpStatus?: number;
  detail: string;
}

/** No usable platform answer: see `kind` and, before retrying, `mayHaveReachedServer`. */
export class DouyinTransportError extends DouyinError {
  override readonly name = 'DouyinTransportError';
  readonly kind: DouyinTransportErrorKind;
  readonly mayHaveReachedServer: boolean;
  readonly code: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(init: DouyinTransportErrorInit) {
    super(`Douyin ${init.operation} ${init.kind}: ${init.detail}`, init.operation, init.endpoint);
    this.kind = init.kind;
    this.mayHaveReachedServer = init.mayHaveReachedServer;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      mayHaveReachedServer: this.mayHaveReachedServer,
      code: this.code,
      operation: this.operation,
      endpoint: this.endpoint,
      httpStatus: this.httpStatus,
    };
  }
}

/** True for a platform answer saying the token used is expired or invalid. */
export function isTokenInvalidError(err: unknown): err is DouyinApiError {
  return err instanceof DouyinApiError && err.kind === 'token_invalid';
}
