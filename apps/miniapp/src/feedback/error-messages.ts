import { ApiError, type TApiErrorCode } from '../api/api-error'
import { TtError, isPrivacyRefused, undeclaredPrivacyScope } from '../platform/tt-error'

// Every code has a message, so a new contract code fails the typecheck until it gets one.
const API_MESSAGES: Record<TApiErrorCode, string> = {
  VALIDATION_FAILED: '提交的信息有误，请检查后重试',
  MALFORMED_JSON: '请求格式错误，请稍后重试',
  LOGIN_CODE_INVALID: '登录凭证已失效，请重新进入小程序',
  ANONYMOUS_CODE_INVALID: '登录凭证已失效，请重新进入小程序',
  SESSION_KEY_STALE: '登录状态已更新，请再点一次',
  PAYLOAD_CORRUPTED: '数据传输出错，请再试一次',
  SIGNATURE_INVALID: '数据校验失败，请再试一次',
  WATERMARK_MISMATCH: '数据来源不匹配，请在本小程序内重试',
  PHONE_CODE_INVALID: '手机号授权已过期，请重新授权',
  PHONE_NUMBER_INVALID: '暂不支持该手机号',
  LOGIN_REQUIRED: '请先登录抖音后再使用此功能',
  UNAUTHENTICATED: '登录已过期，请再试一次',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  METHOD_NOT_ALLOWED: '暂不支持此操作',
  CONFLICT: '数据已存在，请勿重复提交',
  ADDRESS_LIMIT_REACHED: '地址数量已达上限，请先删除一个',
  TEMPLATE_UNKNOWN: '订阅消息模板不存在',
  TEMPLATE_KINDS_MIXED: '一次性和长期订阅不能同时申请',
  NOT_SUBSCRIBED: '你尚未订阅该消息',
  SUBSCRIPTION_CREDIT_LIMIT: '订阅次数已达上限',
  // Douyin's webhook only; the mini-program never meets it.
  WEBHOOK_SIGNATURE_INVALID: '请求校验失败',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求格式错误，请稍后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务开小差了，请稍后重试',
  UPSTREAM_ERROR: '抖音服务返回异常，请稍后重试',
  UPSTREAM_UNAVAILABLE: '抖音服务繁忙，请稍后重试',
  NOT_READY: '服务正在启动，请稍后重试',
  DATABASE_UNAVAILABLE: '服务繁忙，请稍后重试',
  SERVER_BUSY: '服务繁忙，请稍后重试',
  MALFORMED_REQUEST: '请求格式错误，请稍后重试',
  REQUEST_TIMEOUT: '网络较慢，请求超时，请重试',
  HEADERS_TOO_LARGE: '请求格式错误，请稍后重试',
  NETWORK_FAILED: '网络连接失败，请检查网络后重试',
  RESPONSE_INVALID: '服务返回异常，请稍后重试',
  RELOGIN_REQUIRED: '登录状态异常，请重新登录后再试'
}

// The reason part of a tt errMsg (after `xxx:fail `), as the platform documents it.
const TT_REASON_MESSAGES: Record<string, string> = {
  cancel: '已取消',
  'auth deny': '你已拒绝授权，可在设置中重新开启',
  'auth denied': '你已拒绝授权，可在设置中重新开启',
  'platform auth deny': '小程序未获得该能力的授权',
  'no permission': '小程序暂无获取手机号的权限',
  'no phone number': '当前抖音账号未绑定手机号',
  'not login': '请先登录抖音',
  'invalid session': '登录已失效，请重新进入小程序',
  'internal error': '抖音内部错误，请稍后重试',
  'must be invoked by user tap gesture': '请直接点击按钮后再试'
}

const TT_ERRNO_MESSAGES: Record<number, string> = {
  21500: '请直接点击按钮后再试',
  103995: '已取消',
  10201: '你已拒绝位置授权',
  10202: '需要位置权限，请在设置中开启',
  21502: '当前环境不支持此功能'
}

const FALLBACK = '操作失败，请稍后重试'

function ttReason(errMsg: string): string {
  const fail = errMsg.indexOf(':fail')
  const reason = fail >= 0 ? errMsg.slice(fail + ':fail'.length) : errMsg
  return reason.trim().toLowerCase()
}

/** A readable Chinese message for any failure; never the raw errMsg or server message. */
export function messageFor(error: unknown): string {
  if (error instanceof ApiError) return API_MESSAGES[error.code] ?? FALLBACK
  if (error instanceof TtError) {
    if (isPrivacyRefused(error)) return '你未同意隐私保护指引，无法使用此功能'
    const undeclared = undeclaredPrivacyScope(error)
    // Meant for the developer testing the app: names what to add in the console.
    if (undeclared) return `${undeclared.api} 未在隐私协议中声明：请在开发者后台的用户隐私保护指引中添加“${undeclared.item}”`
    const reason = ttReason(error.errMsg)
    const byReason = TT_REASON_MESSAGES[reason]
    if (byReason) return byReason
    const byErrNo = error.errNo === undefined ? undefined : TT_ERRNO_MESSAGES[error.errNo]
    if (byErrNo) return byErrNo
    // Taro's H5 runtime answers "暂时不支持 API" for tt-only APIs.
    if (error.errMsg.includes('不支持') || reason.includes('not supported')) return '当前环境不支持此功能'
    if (reason.includes('cancel')) return '已取消'
  }
  return FALLBACK
}
