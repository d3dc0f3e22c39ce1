import Taro from '@tarojs/taro'
import { fakePrivacyHost } from '../../test/fake-privacy-host'
import { installPrivacyGate, resetPrivacyGateForTests, subscribePrivacy } from './privacy'

beforeEach(() => resetPrivacyGateForTests())

describe('the privacy gate', () => {
  it('registers with the host once', () => {
    fakePrivacyHost()
    installPrivacyGate()
    installPrivacyGate()
    expect(Taro.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
  })

  it('refuses at once when no page shows the popup, so the call fails instead of hanging', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const host = fakePrivacyHost()
    installPrivacyGate()
    await expect(host.guard('getLocation', async () => 'located')()).rejects.toEqual({
      errMsg: 'getLocation:fail privacy permission is not authorized'
    })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('<PrivacyPopup />'))
    warn.mockRestore()
  })

  it('refuses the waiting call when the last popup goes away (its page closed)', async () => {
    const host = fakePrivacyHost()
    installPrivacyGate()
    const seen: unknown[] = []
    const unsubscribe = subscribePrivacy((request) => seen.push(request))
    const call = host.guard('chooseAddress', async () => 'chosen')()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(seen.at(-1)).toEqual({ referrer: 'chooseAddress', contractName: '《测试隐私保护指引》' })
    unsubscribe()
    await expect(call).rejects.toEqual({ errMsg: 'chooseAddress:fail privacy permission is not authorized' })
  })

  it('skips a host without the privacy APIs (base library < 3.19.0) without marking itself installed', () => {
    fakePrivacyHost()
    const original = Taro.onNeedPrivacyAuthorization
    Object.assign(Taro, { onNeedPrivacyAuthorization: undefined })
    expect(() => installPrivacyGate()).not.toThrow()
    Object.assign(Taro, { onNeedPrivacyAuthorization: original })
    installPrivacyGate()
    expect(Taro.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
  })
})
