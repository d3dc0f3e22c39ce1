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

/** The user refused the privacy agreement ("…:fail privacy permission is not authorized"). */
export function isPrivacyRefused(error: unknown): boolean {
  return error instanceof TtError && /:fail\s*privacy permission is not authorized/i.test(error.errMsg)
}

/** The privacy item the console's privacy agreement must declare for each privacy API the kit calls. */
export const PRIVACY_ITEMS: Record<string, string> = {
  getUserProfile: '用户头像、昵称',
  getPhoneNumber: '手机号',
  chooseAddress: '通讯地址',
  getLocation: '地理位置'
}

/**
 * A developer's mistake, not the user's: the API's privacy item is missing from the privacy
 * agreement in the console ("<api>:fail api scope is not declared in the privacy agreement").
 * Returns the API and the item to declare, or null for any other failure.
 */
export function undeclaredPrivacyScope(error: unknown): { api: string; item: string } | null {
  if (!(error instanceof TtError)) return null
  const match = /^(\w+):fail\s*api scope is not declared in the privacy agreement/i.exec(error.errMsg.trim())
  if (!match) return null
  const api = match[1]!
  return { api, item: PRIVACY_ITEMS[api] ?? '对应的隐私信息类型' }
}
