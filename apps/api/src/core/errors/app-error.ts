import { httpStatusOf, type TErrorCode } from '@douyin-kit/contracts';

/**
 * What the operator should read about a failure (the client sees only the code and message):
 * the error filter writes it with the request id, method and route.
 */
export interface OperatorLog {
  level: 'warn' | 'error';
  message: string;
}

/**
 * The one error type the API's own code throws. It carries a code from the shared table in
 * `@douyin-kit/contracts`; the HTTP status is looked up from that table at the edge (the
 * global filter), so code deep inside never decides HTTP statuses.
 */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; log?: OperatorLog },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.log = options?.log;
  }

  /** Written by the error filter when this error answers a request; never sent to the client. */
  readonly log: OperatorLog | undefined;

  get status(): number {
    return httpStatusOf(this.code);
  }
}
