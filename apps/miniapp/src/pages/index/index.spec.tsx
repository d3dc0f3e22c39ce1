import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fakeApi, ok, ttLoginSucceeds } from '../../../test/fake-api'
import { session } from '../../api/session'
import Index from './index'

const request = jest.mocked(Taro.request)

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
})

describe('index page', () => {
  it('logs in silently and shows the user as 已登录', async () => {
    fakeApi({
      'GET /health': ok({ status: 'ok', uptimeSeconds: 42 }),
      'POST /auth/login': aLogin(aUser({ nickname: '小明', phoneMasked: '138****5678' }))
    })

    render(<Index />)

    expect(screen.getByText('抖音小程序工具包')).toBeTruthy()
    expect(await screen.findByText('已登录')).toBeTruthy()
    expect(screen.getByText('小明')).toBeTruthy()
    expect(screen.getByText('手机号：138****5678')).toBeTruthy()
    expect(await screen.findByText('服务正常')).toBeTruthy()
    expect(Taro.login).toHaveBeenCalledTimes(1)
  })

  it('shows 匿名访客 for a user not logged in to Douyin', async () => {
    jest.mocked(Taro.login).mockResolvedValue({ errMsg: 'login:ok', anonymousCode: 'anon', isLogin: false } as never)
    fakeApi({
      'GET /health': ok({ status: 'ok', uptimeSeconds: 1 }),
      'POST /auth/login': aLogin(aUser({ isAnonymous: true }))
    })

    render(<Index />)

    expect(await screen.findByText('匿名访客')).toBeTruthy()
  })

  it('navigates to the other pages', async () => {
    fakeApi({ 'GET /health': ok({ status: 'ok', uptimeSeconds: 1 }), 'POST /auth/login': aLogin(aUser()) })
    render(<Index />)
    await screen.findByText('已登录')

    fireEvent.click(screen.getByText('手机号'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/phone/index' })
  })

  it('shows 服务不可用 when /health breaks the contract', async () => {
    fakeApi({ 'GET /health': ok({ status: 'ok', uptimeSeconds: -1 }), 'POST /auth/login': aLogin(aUser()) })

    render(<Index />)

    expect(await screen.findByText('服务不可用')).toBeTruthy()
  })

  it('shows 服务不可用 and a readable toast when nothing answers', async () => {
    request.mockRejectedValue({ errMsg: 'request:fail timeout' })

    render(<Index />)

    expect(await screen.findByText('服务不可用')).toBeTruthy()
    expect(await screen.findByText('未登录')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接失败，请检查网络后重试' }))
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://api.test/health', method: 'GET' }))
  })

  it('explains every capability with the privacy item it needs', async () => {
    fakeApi({ 'GET /health': ok({ status: 'ok', uptimeSeconds: 1 }), 'POST /auth/login': aLogin(aUser()) })

    render(<Index />)
    await screen.findByText('已登录')

    expect(screen.getByText('需同意隐私保护指引：用户头像、昵称')).toBeTruthy()
    expect(screen.getByText('需同意隐私保护指引：手机号')).toBeTruthy()
    expect(screen.getByText('需同意隐私保护指引：通讯地址、地理位置')).toBeTruthy()
    expect(screen.getAllByText('无需隐私授权')).toHaveLength(2)
  })

  it('shows a failed login with its reason and logs in again on 重新登录', async () => {
    jest.mocked(Taro.login).mockRejectedValueOnce({ errMsg: 'login:fail internal error' })
    fakeApi({ 'GET /health': ok({ status: 'ok', uptimeSeconds: 1 }), 'POST /auth/login': aLogin(aUser({ nickname: '小明' })) })

    render(<Index />)

    expect(await screen.findByText('未登录')).toBeTruthy()
    expect(screen.getAllByText('抖音内部错误，请稍后重试').length).toBeGreaterThan(0)
    fireEvent.click(screen.getByText('重新登录'))
    expect(await screen.findByText('已登录')).toBeTruthy()
    expect(screen.getByText('小明')).toBeTruthy()
  })
})
