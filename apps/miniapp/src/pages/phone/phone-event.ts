import type { TPhoneRequest } from '@douyin-kit/contracts'
import { TtError, type PhoneNumberDetail } from '../../platform'

/**
 * The body for `POST /me/phone`, preferring the new flow's `code` (not bound to the session key);
 * throws a TtError for a failed or empty event so the toast mapping explains it.
 */
export function phoneRequestFrom(detail: PhoneNumberDetail): TPhoneRequest {
  const errMsg = detail.errMsg ?? 'getPhoneNumber:fail'
  if (!errMsg.endsWith(':ok')) throw new TtError(errMsg, detail.errNo ?? detail.errno)
  if (detail.code) return { code: detail.code }
  if (detail.encryptedData && detail.iv) return { encryptedData: detail.encryptedData, iv: detail.iv }
  throw new TtError('getPhoneNumber:fail internal error')
}
