/**
 * A failed tt API call, keeping the host's `errMsg` (e.g. `getUserProfile:fail auth deny`) and
 * `errNo` so the toast mapping can pick a readable message; the raw text is never shown.
 */
export class TtError extends Error {
  constructor(
    readonly errMsg: string,
    readonly errNo?: number
  ) {
    super(errMsg)
    this.name = 'TtError'
  }
}

/** Taro rejects with the host's `{errMsg, errNo}` object (or, rarely, an Error): normalise both. */
export function toTtError(api: string, reason: unknown): TtError {
  if (reason instanceof TtError) return reason
  const r = (reason ?? {}) as { errMsg?: unknown; errNo?: unknown; errno?: unknown; message?: unknown }
  const errMsg = typeof r.errMsg === 'string' ? r.errMsg : typeof r.message === 'string' ? r.message : `${api}:fail`
  const errNo = typeof r.errNo === 'number' ? r.errNo : typeof r.errno === 'number' ? r.errno : undefined
  return new TtError(errMsg, errNo)
}

/** The user closed the host's picker or popup: not an error to report (e.g. 103995 chooseAddress:fail cancel). */
export function isTtCancel(error: unknown): boolean {
  if (!(error instanceof TtError)) return false
  return error.errNo === 103995 || /:fail[^:]*\bcancel/i.test(error.errMsg)
}
