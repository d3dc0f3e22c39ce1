import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fakeApi, fail, ok, requestsTo, ttLoginSucceeds } from '../../../test/fake-api'
import { session } from '../../api/session'
import Phone from './index'

function tapWith(detail: Record<string, unknown>) {
  // The host fires the event on the button itself (the label is a child of it).
  const button = screen.getByText('授权获取手机号').closest('button')!
  fireEvent(button, new CustomEvent('getphonenumber', { detail }))
}

async function renderLoggedIn(routes: Parameters<typeof fakeApi>[0]) {
  fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()), ...routes })
  render(<Phone />)
  await waitFor(() => expect(requestsTo('GET /me')).toHaveLength(1))
}

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
})

describe('phone page', () => {
  it('posts the new flow code and shows the masked number', async () => {
    await renderLoggedIn({ 'POST /me/phone': ok({ phoneMasked: '138****5678', countryCode: '86' }) })

    tapWith({ errMsg: 'getPhoneNumber:ok', code: 'phone-code', encryptedData: 'enc', iv: 'iv' })

    expect(await screen.findByText('138****5678')).toBeTruthy()
    expect(requestsTo('POST /me/phone')[0]!.data).toEqual({ code: 'phone-code' })
  })

  it('a refused privacy popup (the button event fails) is a readable toast, nothing is posted', async () => {
    await renderLoggedIn({})

    tapWith({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized' })

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '你未同意隐私保护指引，无法使用此功能' }))
    )
    expect(requestsTo('POST /me/phone')).toHaveLength(0)
  })

  it('posts the old flow encryptedData and iv', async () => {
    await renderLoggedIn({ 'POST /me/phone': ok({ phoneMasked: '139****0000', countryCode: '86' }) })

    tapWith({ errMsg: 'getPhoneNumber:ok', encryptedData: 'enc', iv: 'iv' })

    expect(await screen.findByText('139****0000')).toBeTruthy()
    expect(requestsTo('POST /me/phone')[0]!.data).toEqual({ encryptedData: 'enc', iv: 'iv' })
  })

  it.each([
    ['getPhoneNumber:fail no permission', '小程序暂无获取手机号的权限'],
    ['getPhoneNumber:fail auth deny', '你已拒绝授权，可在设置中重新开启'],
    ['getPhoneNumber:fail no phone number', '当前抖音账号未绑定手机号']
  ])('explains %p without calling the API', async (errMsg, message) => {
    await renderLoggedIn({})

    tapWith({ errMsg })

    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message }))
    expect(requestsTo('POST /me/phone')).toHaveLength(0)
  })

  it('renews a stale session without replaying the old payload, and asks for another tap', async () => {
    await renderLoggedIn({ 'POST /me/phone': fail(409, 'SESSION_KEY_STALE') })

    tapWith({ errMsg: 'getPhoneNumber:ok', encryptedData: 'enc', iv: 'iv' })

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录状态已更新，请再点一次' })))
    expect(Taro.login).toHaveBeenCalledTimes(2)
    expect(requestsTo('POST /me/phone')).toHaveLength(1)
  })

  it('on a second stale answer after the renewed session, asks the user to log in again instead of tapping again', async () => {
    await renderLoggedIn({ 'POST /me/phone': fail(409, 'SESSION_KEY_STALE') })

    tapWith({ errMsg: 'getPhoneNumber:ok', encryptedData: 'enc', iv: 'iv' })
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录状态已更新，请再点一次' })))
    await waitFor(() => expect(screen.getByText('授权获取手机号').closest('button')?.disabled).toBe(false))
    tapWith({ errMsg: 'getPhoneNumber:ok', encryptedData: 'enc-2', iv: 'iv-2' })

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录状态异常，请重新登录后再试' })))
    expect(Taro.login).toHaveBeenCalledTimes(2)
    expect(requestsTo('POST /me/phone')).toHaveLength(2)
  })

  it('shows loading, then 尚未绑定, or a failed load with a retry', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': [fail(500, 'INTERNAL'), ok(aUser())] })

    render(<Phone />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('服务开小差了，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('尚未绑定')).toBeTruthy()
  })
})
