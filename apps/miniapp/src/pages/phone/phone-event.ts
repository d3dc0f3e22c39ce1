import type { TPhoneRequest } from '@douyin-kit/contracts'
import { TtError } from '../../platform'

/** `e.detail` of a getPhoneNumber button: the old flow's fields, the new flow's `code`, or a failure. */
export interface PhoneEventDetail {
  errMsg?: string
  errno?: number
  errNo?: number
  encryptedData?: string
  iv?: string
  code?: string
}

/**
 * The body for `POST /me/phone`, preferring the new flow's `code` (not bound to the session key);
 * throws a TtError for a failed or empty event so the toast mapping explains it.
 */
export function phoneRequestFrom(detail: PhoneEventDetail): TPhoneRequest {
  const errMsg = detail.errMsg ?? 'getPhoneNumber:fail'
  if (!errMsg.endsWith(':ok')) throw new TtError(errMsg, detail.errNo ?? detail.errno)
  if (detail.code) return { code: detail.code }
  if (detail.encryptedData && detail.iv) return { encryptedData: detail.encryptedData, iv: detail.iv }
  throw new TtError('getPhoneNumber:fail internal error')
}
