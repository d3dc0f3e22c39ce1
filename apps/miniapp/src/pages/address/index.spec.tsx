import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fail, fakeApi, ok, requestsTo, ttLoginSucceeds } from '../../../test/fake-api'
import { fakePrivacyHost } from '../../../test/fake-privacy-host'
import { session } from '../../api/session'
import { installPrivacyGate, resetPrivacyGateForTests } from '../../platform/privacy'
import Address from './index'

const chosen = {
  errMsg: 'chooseAddress:ok',
  userName: '张三',
  telNumber: '13800138000',
  provinceName: '广东省',
  cityName: '深圳市',
  countyName: '南山区',
  detailInfo: '科技园 1 号'
}

const anAddress = (id: string, overrides = {}) => ({
  id: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
  userName: '张三',
  telNumber: '13800138000',
  provinceName: '广东省',
  cityName: '深圳市',
  countyName: '南山区',
  detailInfo: '科技园 1 号',
  createdAt: '2026-11-21T00:00:00.000Z',
  ...overrides
})

const reading = {
  errMsg: 'getLocation:ok',
  latitude: 22.543096,
  longitude: 113.934528,
  altitude: 12,
  accuracy: 35,
  verticalAccuracy: 10,
  horizontalAccuracy: 35,
  speed: -1
}

const storedLocation = {
  latitude: 22.543096,
  longitude: 113.934528,
  coordinateSystem: 'gcj02',
  altitude: 12,
  accuracy: 35,
  verticalAccuracy: 10,
  horizontalAccuracy: 35,
  speed: null,
  recordedAt: '2026-11-21T08:00:00.000Z'
}

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
  resetPrivacyGateForTests()
})

describe('address page', () => {
  it('saves the chosen address and the current location, and shows what the server stored', async () => {
    jest.mocked(Taro.chooseAddress).mockResolvedValue(chosen as never)
    jest.mocked(Taro.getLocation).mockResolvedValue(reading)
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': ok({ addresses: [] }),
      'GET /me/location': ok({ location: null }),
      'POST /me/addresses': ok(anAddress('1')),
      'POST /me/location': ok(storedLocation)
    })

    render(<Address />)
    expect(await screen.findByText('还没有保存地址')).toBeTruthy()
    expect(await screen.findByText('尚未获取位置')).toBeTruthy()
    expect(Taro.showToast).not.toHaveBeenCalled()

    fireEvent.click(screen.getByText('从抖音选择收货地址'))
    expect(await screen.findByText('张三 13800138000')).toBeTruthy()
    expect(screen.getByText('广东省 深圳市 南山区 科技园 1 号')).toBeTruthy()
    expect(requestsTo('POST /me/addresses')[0]!.data).toEqual(chosen)
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })))

    fireEvent.click(screen.getByText('获取当前位置'))
    expect(await screen.findByText('22.543096')).toBeTruthy()
    expect(screen.getByText('113.934528')).toBeTruthy()
    expect(screen.queryByText('尚未获取位置')).toBeNull()
    expect(Taro.getLocation).toHaveBeenCalledWith({ type: 'gcj02' })
    expect(requestsTo('POST /me/location')[0]!.data).toEqual(reading)
  })

  it('says so when the server answers with an address it already had', async () => {
    const existing = anAddress('1')
    jest.mocked(Taro.chooseAddress).mockResolvedValue(chosen as never)
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': ok({ addresses: [existing] }),
      'GET /me/location': ok({ location: storedLocation }),
      'POST /me/addresses': ok(existing)
    })

    render(<Address />)
    await screen.findByText('张三 13800138000')
    fireEvent.click(screen.getByText('从抖音选择收货地址'))

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '地址已存在' })))
    expect(screen.getAllByText('张三 13800138000')).toHaveLength(1)
  })

  it('stays silent when the user closes the address picker', async () => {
    jest.mocked(Taro.chooseAddress).mockRejectedValue({ errMsg: 'chooseAddress:fail cancel', errNo: 103995 })
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': ok({ addresses: [] }),
      'GET /me/location': ok({ location: null })
    })

    render(<Address />)
    await screen.findByText('还没有保存地址')
    fireEvent.click(screen.getByText('从抖音选择收货地址'))

    await waitFor(() => expect(Taro.chooseAddress).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(screen.getByText('从抖音选择收货地址').closest('button')?.disabled).toBe(false))
    expect(Taro.showToast).not.toHaveBeenCalled()
    expect(requestsTo('POST /me/addresses')).toHaveLength(0)
  })

  it('explains a refused location permission', async () => {
    jest.mocked(Taro.getLocation).mockRejectedValue({ errMsg: 'getLocation:fail auth deny', errNo: 10202 })
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': ok({ addresses: [] }),
      'GET /me/location': ok({ location: null })
    })

    render(<Address />)
    await screen.findByText('尚未获取位置')
    fireEvent.click(screen.getByText('获取当前位置'))

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '你已拒绝授权，可在设置中重新开启' })))
    expect(requestsTo('POST /me/location')).toHaveLength(0)
  })

  it('privacy gate: refusing the popup stops the location flow; agreeing on the next tap resumes it', async () => {
    const host = fakePrivacyHost()
    installPrivacyGate()
    jest.mocked(Taro.getLocation).mockImplementation(host.guard('getLocation', async () => reading))
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': ok({ addresses: [] }),
      'GET /me/location': ok({ location: null }),
      'POST /me/location': ok(storedLocation)
    })

    render(<Address />)
    await screen.findByText('尚未获取位置')
    fireEvent.click(screen.getByText('获取当前位置'))
    fireEvent.click(await screen.findByText('拒绝'))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '你未同意隐私保护指引，无法使用此功能' }))
    )
    expect(requestsTo('POST /me/location')).toHaveLength(0)

    await waitFor(() => expect(screen.getByText('获取当前位置').closest('button')?.disabled).toBe(false))
    fireEvent.click(screen.getByText('获取当前位置'))
    const agree = await screen.findByText('同意并继续')
    act(() => void agree.dispatchEvent(new CustomEvent('agreeprivacyauthorization', { detail: {} })))
    expect(await screen.findByText('22.543096')).toBeTruthy()
    expect(host.state.asked).toEqual(['getLocation', 'getLocation'])
  })

  it('names the privacy item to declare when chooseAddress is not declared', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    jest.mocked(Taro.chooseAddress).mockRejectedValue({ errMsg: 'chooseAddress:fail api scope is not declared in the privacy agreement' })
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me/addresses': ok({ addresses: [] }), 'GET /me/location': ok({ location: null }) })

    render(<Address />)
    await screen.findByText('还没有保存地址')
    fireEvent.click(screen.getByText('从抖音选择收货地址'))

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'chooseAddress 未在隐私协议中声明：请在开发者后台的用户隐私保护指引中添加“通讯地址”' })
      )
    )
    jest.mocked(console.error).mockRestore()
  })

  it('asks before deleting, and deletes only when confirmed', async () => {
    const showModal = jest.mocked(Taro.showModal)
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': ok({ addresses: [anAddress('1'), anAddress('2', { userName: '李四' })] }),
      'GET /me/location': ok({ location: null }),
      'DELETE /me/addresses/00000000-0000-4000-8000-000000000002': { status: 204, body: '' }
    })

    render(<Address />)
    await screen.findByText('李四 13800138000')

    showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true })
    fireEvent.click(screen.getAllByText('删除')[1]!)
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(showModal.mock.calls[0]![0]).toMatchObject({ title: '删除地址' })
    await Promise.resolve()
    expect(requestsTo('DELETE /me/addresses/00000000-0000-4000-8000-000000000002')).toHaveLength(0)
    expect(screen.getByText('李四 13800138000')).toBeTruthy()

    showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: true, cancel: false })
    fireEvent.click(screen.getAllByText('删除')[1]!)
    await waitFor(() => expect(screen.queryByText('李四 13800138000')).toBeNull())
    expect(requestsTo('DELETE /me/addresses/00000000-0000-4000-8000-000000000002')).toHaveLength(1)
    expect(screen.getByText('张三 13800138000')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已删除' }))
  })

  it('shows each card loading, then its own failure with a retry', async () => {
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/addresses': [fail(500, 'INTERNAL'), ok({ addresses: [anAddress('1')] })],
      'GET /me/location': ok({ location: storedLocation })
    })

    render(<Address />)
    expect(screen.getAllByText('加载中…')).toHaveLength(2)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(await screen.findByText('22.543096')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('张三 13800138000')).toBeTruthy()
    expect(screen.queryByText('加载失败')).toBeNull()
  })
})
