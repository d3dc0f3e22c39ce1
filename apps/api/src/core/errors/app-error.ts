import { httpStatusOf, type TErrorCode } from '@douyin-kit/contracts';

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
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get status(): number {
    return httpStatusOf(this.code);
  }
}
