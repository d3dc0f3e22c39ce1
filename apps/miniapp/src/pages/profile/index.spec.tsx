import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fakeApi, fail, ok, requestsTo, ttLoginSucceeds } from '../../../test/fake-api'
import { session } from '../../api/session'
import Profile from './index'

const payload = { rawData: '{"nickName":"小明"}', signature: 'sig', encryptedData: 'enc', iv: 'iv' }

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
})

describe('profile page', () => {
  it('posts the getUserProfile payload from the tap and shows the stored profile', async () => {
    const saved = aUser({ nickname: '小明', gender: 1, province: '广东', city: '深圳' })
    jest.mocked(Taro.getUserProfile).mockResolvedValue({ errMsg: 'getUserProfile:ok', userInfo: {}, ...payload } as never)
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()), 'POST /me/profile': ok(saved) })

    render(<Profile />)
    fireEvent.click(await screen.findByText('获取头像和昵称'))

    expect(await screen.findByText('小明')).toBeTruthy()
    expect(screen.getByText('男')).toBeTruthy()
    expect(screen.getByText('广东 深圳')).toBeTruthy()
    expect(requestsTo('POST /me/profile')[0]!.data).toEqual(payload)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '资料已更新' }))
  })

  it('shows a readable toast when the user refuses', async () => {
    jest.mocked(Taro.getUserProfile).mockRejectedValue({ errMsg: 'getUserProfile:fail auth deny' })
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()), 'POST /me/profile': fail(500, 'INTERNAL') })

    render(<Profile />)
    await waitFor(() => expect(requestsTo('GET /me')).toHaveLength(1))
    fireEvent.click(screen.getByText('获取头像和昵称'))

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '你已拒绝授权，可在设置中重新开启' })))
    expect(requestsTo('POST /me/profile')).toHaveLength(0)
  })

  it('asks the user to log in again, without a loop, when the payload stays stale after the silent re-login', async () => {
    jest.mocked(Taro.getUserProfile).mockResolvedValue({ errMsg: 'getUserProfile:ok', userInfo: {}, ...payload } as never)
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()), 'POST /me/profile': fail(409, 'SESSION_KEY_STALE') })

    render(<Profile />)
    fireEvent.click(await screen.findByText('获取头像和昵称'))

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录状态异常，请重新登录后再试' })))
    expect(requestsTo('POST /me/profile')).toHaveLength(2)
    expect(Taro.login).toHaveBeenCalledTimes(2)
  })

  it('tells the user to wait when the server refuses with RATE_LIMITED', async () => {
    jest.mocked(Taro.getUserProfile).mockResolvedValue({ errMsg: 'getUserProfile:ok', userInfo: {}, ...payload } as never)
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()), 'POST /me/profile': fail(429, 'RATE_LIMITED') })

    render(<Profile />)
    fireEvent.click(await screen.findByText('获取头像和昵称'))

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '操作太频繁，请稍后再试' })))
    expect(requestsTo('POST /me/profile')).toHaveLength(1)
  })
})
