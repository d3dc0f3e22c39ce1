import type { TPhoneRequest } from '@douyin-kit/contracts'
import { TtError, type PhoneNumberDetail } from '../../platform'

/**
 * The body for `POST /me/phone`; throws a TtError for a failed or empty event so the toast
 * mapping explains it.
 *
 * The new flow's `code` is preferred whenever the host gives one (base library 3.51.0+): it is
 * the recommended flow. The server redeems it with Douyin, so the number's ciphertext comes from
 * Douyin and never from the client, is not bound to the session key (a later tt.login does not
 * break it) and does not spend the user's failure budget. The old `{encryptedData, iv}` is a
 * ciphertext the client hands over, which the server must treat as hostile (SECURITY.md).
 */
export function phoneRequestFrom(detail: PhoneNumberDetail): TPhoneRequest {
  const errMsg = detail.errMsg ?? 'getPhoneNumber:fail'
  if (!errMsg.endsWith(':ok')) throw new TtError(errMsg, detail.errNo ?? detail.errno)
  if (detail.code) return { code: detail.code }
  if (detail.encryptedData && detail.iv) return { encryptedData: detail.encryptedData, iv: detail.iv }
  throw new TtError('getPhoneNumber:fail internal error')
}
