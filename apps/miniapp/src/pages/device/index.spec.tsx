import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fail, fakeApi, ok, requestsTo, ttLoginSucceeds } from '../../../test/fake-api'
import { session } from '../../api/session'
import Device from './index'

const systemInfo = {
  errMsg: 'getSystemInfo:ok',
  system: 'Android 14',
  platform: 'android',
  brand: 'Xiaomi',
  model: '23013RK75C',
  appName: 'Douyin',
  version: '32.5.0',
  SDKVersion: '3.60.0',
  screenWidth: 393,
  screenHeight: 873,
  pixelRatio: 2.75
}

const stored = {
  id: '00000000-0000-4000-8000-000000000099',
  brand: 'Xiaomi',
  model: '23013RK75C',
  system: 'Android 14',
  platform: 'android',
  appName: 'Douyin',
  appVersion: '32.5.0',
  sdkVersion: '3.60.0',
  firstSeenAt: '2026-11-21T00:00:00.000Z',
  lastSeenAt: '2026-11-21T00:00:00.000Z',
  snapshot: systemInfo
}

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
})

describe('device page', () => {
  it('reports getSystemInfo and shows what the server stored', async () => {
    jest.mocked(Taro.getSystemInfo).mockResolvedValue(systemInfo as never)
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me/devices': ok({ devices: [] }), 'POST /me/devices': ok(stored) })

    render(<Device />)
    expect(await screen.findByText('尚未上报本机信息')).toBeTruthy()
    fireEvent.click(screen.getByText('上报本机信息'))

    expect(await screen.findByText('Xiaomi 23013RK75C')).toBeTruthy()
    expect(screen.getByText('Douyin 32.5.0')).toBeTruthy()
    expect(screen.getByText('393×873 @2.75x')).toBeTruthy()
    expect(requestsTo('POST /me/devices')[0]!.data).toEqual(systemInfo)
  })

  it('shows loading, then the empty state before a first report', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'GET /me/devices': ok({ devices: [] }) })

    render(<Device />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(screen.getByText('上报本机信息').closest('button')?.disabled).toBe(true)
    expect(await screen.findByText('尚未上报本机信息')).toBeTruthy()
    expect(screen.getByText('上报本机信息').closest('button')?.disabled).toBe(false)
  })

  it('shows a failed load with its reason, and retries it', async () => {
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /me/devices': [fail(500, 'INTERNAL'), ok({ devices: [stored] })]
    })

    render(<Device />)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('服务开小差了，请稍后重试')).toBeTruthy()
    expect(Taro.showToast).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('Xiaomi 23013RK75C')).toBeTruthy()
    await waitFor(() => expect(screen.queryByText('加载失败')).toBeNull())
    expect(requestsTo('GET /me/devices')).toHaveLength(2)
  })
})
