import { ApiError } from '../api/api-error'
import { TtError } from '../platform/tt-error'
import { messageFor } from './error-messages'

describe('messageFor', () => {
  it.each([
    ['auth deny', '你已拒绝授权，可在设置中重新开启'],
    ['getUserProfile:fail auth deny', '你已拒绝授权，可在设置中重新开启'],
    ['getPhoneNumber:fail platform auth deny', '小程序未获得该能力的授权'],
    ['no permission', '小程序暂无获取手机号的权限'],
    ['getPhoneNumber:fail no phone number', '当前抖音账号未绑定手机号'],
    ['not login', '请先登录抖音'],
    ['invalid session', '登录已失效，请重新进入小程序'],
    ['internal error', '抖音内部错误，请稍后重试'],
    ['chooseAddress:fail cancel', '已取消'],
    ['暂时不支持 API', '当前环境不支持此功能'],
    ['getUserProfile:fail something new', '操作失败，请稍后重试'],
    ['getPhoneNumber:fail privacy permission is not authorized', '你未同意隐私保护指引，无法使用此功能'],
    [
      'chooseAddress:fail api scope is not declared in the privacy agreement',
      'chooseAddress 未在隐私协议中声明：请在开发者后台的用户隐私保护指引中添加“通讯地址”'
    ],
    [
      'getLocation:fail api scope is not declared in the privacy agreement',
      'getLocation 未在隐私协议中声明：请在开发者后台的用户隐私保护指引中添加“地理位置”'
    ]
  ])('maps the tt errMsg %p to a Chinese message', (errMsg, expected) => {
    expect(messageFor(new TtError(errMsg))).toBe(expected)
  })

  it('falls back to errNo when the errMsg is not one it knows', () => {
    expect(messageFor(new TtError('getUserProfile:fail', 21500))).toBe('请直接点击按钮后再试')
  })

  it('maps API error codes, never showing the server message', () => {
    expect(messageFor(new ApiError('SESSION_KEY_STALE', 'stale key xyz', 409))).toBe('登录状态已更新，请再点一次')
    expect(messageFor(new ApiError('NETWORK_FAILED', 'GET /me: no answer', 0))).toBe('网络连接失败，请检查网络后重试')
  })

  it('has a generic message for anything else', () => {
    expect(messageFor(new Error('boom'))).toBe('操作失败，请稍后重试')
    expect(messageFor(undefined)).toBe('操作失败，请稍后重试')
  })
})
