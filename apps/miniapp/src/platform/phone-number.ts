/** `e.detail` of a getPhoneNumber button: the old flow's fields, the new flow's `code`, or a failure. */
export interface PhoneNumberDetail {
  errMsg?: string
  errno?: number
  errNo?: number
  encryptedData?: string
  iv?: string
  code?: string
}
