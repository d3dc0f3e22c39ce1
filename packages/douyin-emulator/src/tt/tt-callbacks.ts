// Browser-safe: this folder uses fetch and plain JS only (no Node built-ins), so it can be
// bundled into an H5 preview as well as run in Node tests.

import { isRecord } from '../type-guards.js';

/** The `fail` payload of every tt API. */
export interface TtError {
  errMsg: string;
  errNo?: number;
  errCode?: number;
}

/** tt's callback trio. */
export interface Callbacks<Ok> {
  success?: (res: Ok) => void;
  fail?: (res: TtError) => void;
  complete?: (res: Partial<Ok> & TtError) => void;
}

export function isTtError(value: unknown): value is TtError {
  return isRecord(value) && typeof value.errMsg === 'string';
}

/**
 * Runs an API in tt's callback style AND returns a promise of the success result. The promise
 * rejects on failure only when no `fail` callback was given (then it resolves with the error),
 * so callback-only callers never see an unhandled rejection.
 */
export function invoke<Ok>(api: string, callbacks: Callbacks<Ok> | undefined, run: () => Promise<Ok>): Promise<Ok> {
  return run().then(
    (ok) => {
      callbacks?.success?.(ok);
      callbacks?.complete?.(ok as Partial<Ok> & TtError);
      return ok;
    },
    (error: unknown) => {
      const err: TtError = isTtError(error)
        ? { errMsg: error.errMsg, errNo: error.errNo, errCode: error.errCode }
        : { errMsg: `${api}:fail ${error instanceof Error ? error.message : String(error)}` };
      callbacks?.fail?.(err);
      callbacks?.complete?.(err as Partial<Ok> & TtError);
      if (callbacks?.fail) return err as unknown as Ok;
      throw err;
    },
  );
}
