import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fakeApi, fail, ok, requestsTo, ttLoginSucceeds } from '../../../test/fake-api'
import { fakePrivacyHost } from '../../../test/fake-privacy-host'
import { session } from '../../api/session'
import { installPrivacyGate, resetPrivacyGateForTests } from '../../platform/privacy'
import Profile from './index'

const payload = { rawData: '{"nickName":"小明"}', signature: 'sig', encryptedData: 'enc', iv: 'iv' }

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
  resetPrivacyGateForTests()
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

  describe("privacy gate (the kit's popup)", () => {
    const agreeButton = () => screen.getByText('同意并继续')
    const profileOk = () => Promise.resolve({ errMsg: 'getUserProfile:ok', userInfo: {}, ...payload })

    function setUp() {
      const host = fakePrivacyHost()
      installPrivacyGate()
      jest.mocked(Taro.getUserProfile).mockImplementation(host.guard('getUserProfile', profileOk) as never)
      fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()), 'POST /me/profile': ok(aUser({ nickname: '小明' })) })
      render(<Profile />)
      return host
    }

    it('shows the popup with the agreement name, and resumes the waiting call after agree', async () => {
      const host = setUp()
      fireEvent.click(await screen.findByText('获取头像和昵称'))

      expect(await screen.findByText('《测试隐私保护指引》')).toBeTruthy()
      expect(agreeButton().id).toBe('privacy-agree')
      expect(requestsTo('POST /me/profile')).toHaveLength(0)
      fireEvent.click(screen.getByText('《测试隐私保护指引》'))
      expect(Taro.openPrivacyContract).toHaveBeenCalledTimes(1)

      act(() => void agreeButton().dispatchEvent(new CustomEvent('agreeprivacyauthorization', { detail: {} })))

      expect(await screen.findByText('小明')).toBeTruthy()
      expect(screen.queryByText('同意并继续')).toBeNull()
      expect(host.state.resolutions).toEqual([{ buttonId: 'privacy-agree', event: 'agree' }])
      expect(requestsTo('POST /me/profile')).toHaveLength(1)
    })

    it('refusal: a readable toast, nothing posted, nothing left waiting; the next tap asks again', async () => {
      const host = setUp()
      fireEvent.click(await screen.findByText('获取头像和昵称'))
      fireEvent.click(await screen.findByText('拒绝'))

      await waitFor(() =>
        expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '你未同意隐私保护指引，无法使用此功能' }))
      )
      expect(screen.queryByText('同意并继续')).toBeNull()
      expect(requestsTo('POST /me/profile')).toHaveLength(0)
      // The button is usable again (the flow stopped, it does not hang busy).
      await waitFor(() => expect(screen.getByText('获取头像和昵称').closest('button')?.disabled).toBe(false))

      fireEvent.click(screen.getByText('获取头像和昵称'))
      act(() => void agreeButton().dispatchEvent(new CustomEvent('agreeprivacyauthorization', { detail: {} })))
      expect(await screen.findByText('小明')).toBeTruthy()
      expect(host.state.asked).toEqual(['getUserProfile', 'getUserProfile'])
    })

    it('an undeclared API gets the developer message naming the API and the privacy item', async () => {
      const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      fakePrivacyHost({ agreed: true })
      installPrivacyGate()
      jest
        .mocked(Taro.getUserProfile)
        .mockRejectedValue({ errMsg: 'getUserProfile:fail api scope is not declared in the privacy agreement' })
      fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()) })
      render(<Profile />)
      fireEvent.click(await screen.findByText('获取头像和昵称'))

      await waitFor(() =>
        expect(Taro.showToast).toHaveBeenCalledWith(
          expect.objectContaining({ title: 'getUserProfile 未在隐私协议中声明：请在开发者后台的用户隐私保护指引中添加“用户头像、昵称”' })
        )
      )
      expect(error).toHaveBeenCalledWith(expect.stringContaining('declare "用户头像、昵称"'))
      expect(screen.queryByText('同意并继续')).toBeNull()
      error.mockRestore()
    })
  })

  it('shows loading, then the empty state for a user without a profile', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser()) })

    render(<Profile />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('尚未获取资料')).toBeTruthy()
    expect(screen.queryByText('加载中…')).toBeNull()
  })

  it('shows a failed load with its reason, and retries it', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': [fail(500, 'INTERNAL'), ok(aUser({ nickname: '小明' }))] })

    render(<Profile />)

    expect(await screen.findByText('服务开小差了，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('小明')).toBeTruthy()
    expect(screen.getByText('更新头像和昵称')).toBeTruthy()
  })

  it('shows the avatar image, and the initial when it does not load', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me': ok(aUser({ nickname: '小明', avatarUrl: 'https://cdn.test/a.jpeg' })) })

    const { container } = render(<Profile />)
    await screen.findByText('小明')

    fireEvent.error(container.querySelector('img.profile__avatar')!)
    expect(screen.getByText('小')).toBeTruthy()
    expect(container.querySelector('img')).toBeNull()
  })
})
