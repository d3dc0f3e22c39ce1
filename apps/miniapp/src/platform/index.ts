import Taro from '@tarojs/taro'
import type { RouteBodyInput, routes } from '@douyin-kit/contracts'
import { host } from './host'
import { TtError, toTtError } from './tt-error'

export { TtError, isTtCancel, isPrivacyRefused, undeclaredPrivacyScope, PRIVACY_ITEMS } from './tt-error'
export { phoneNumberButtonProps, privacyAgreeButtonProps } from './host'
export {
  PRIVACY_AGREE_BUTTON_ID,
  PRIVACY_POPUP_MODE,
  agreePrivacy,
  disagreePrivacy,
  getPrivacySetting,
  installPrivacyGate,
  openPrivacyContract,
  subscribePrivacy,
  type PrivacyRequest
} from './privacy'
export type { PhoneNumberDetail } from './phone-number'

/**
 * The only place the app calls the host's tt APIs, so every call fails the same way (a
 * `TtError`). The device APIs go through `host` (Taro on Douyin, the emulator's tt in the H5
 * preview); toasts and modals are Taro's on both.
 */

export interface LoginResult {
  /** Only when the user is logged in to the host app. */
  code?: string
  /** Always present on Douyin. */
  anonymousCode?: string
  isLogin?: boolean
}

export interface UserProfileResult {
  userInfo: { nickName: string; avatarUrl: string; gender?: number }
  rawData: string
  signature: string
  encryptedData: string
  iv: string
}

/** getSystemInfo's result, as the contract of `POST /me/devices` describes it (the server checks it). */
export type SystemInfo = RouteBodyInput<typeof routes.devices.report>

/** requestSubscribeMessage's result, as the contract of `POST /me/subscriptions` describes it (the server checks it). */
export type SubscribeResult = RouteBodyInput<typeof routes.subscriptions.record>['result']

// Some hosts resolve instead of rejecting on failure (Taro H5: `{errMsg:"暂时不支持 API"}`).
function ensureOk<T>(res: T): T {
  const errMsg = (res as { errMsg?: unknown } | undefined)?.errMsg
  if (typeof errMsg === 'string' && !errMsg.endsWith(':ok')) throw new TtError(errMsg)
  return res
}

async function call<T>(api: string, run: () => Promise<T>): Promise<T> {
  let res: T
  try {
    res = await run()
  } catch (reason) {
    throw toTtError(api, reason)
  }
  return ensureOk(res)
}

export function login(): Promise<LoginResult> {
  return call('login', () => host.login() as Promise<LoginResult>)
}

/** Must be called synchronously from a tap handler (errNo 21500 otherwise). */
export function getUserProfile(desc: string): Promise<UserProfileResult> {
  return call('getUserProfile', () => host.getUserProfile({ desc }) as Promise<UserProfileResult>)
}

export function getSystemInfo(): Promise<SystemInfo> {
  return call('getSystemInfo', () => host.getSystemInfo() as Promise<SystemInfo>)
}

/** Cancel fails with `103995 chooseAddress:fail cancel` (see `isTtCancel`). */
export function chooseAddress(): Promise<Taro.chooseAddress.SuccessCallbackResult> {
  return call('chooseAddress', () => host.chooseAddress() as Promise<Taro.chooseAddress.SuccessCallbackResult>)
}

/** GCJ-02 coordinates; 10201 (privacy refused) and 10202 (scope) are TtErrors with errNo. */
export function getLocation(): Promise<Taro.getLocation.SuccessCallbackResult> {
  return call('getLocation', () => host.getLocation({ type: 'gcj02' }) as Promise<Taro.getLocation.SuccessCallbackResult>)
}

/** At most 3 ids, one kind only, and only from a tap. */
export function requestSubscribeMessage(tmplIds: string[]): Promise<SubscribeResult> {
  return call('requestSubscribeMessage', () => host.requestSubscribeMessage({ tmplIds }) as Promise<SubscribeResult>)
}

/** Asks the user to confirm a destructive action; true only when they tap the confirm button. */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await call('showModal', () => Taro.showModal({ title, content, confirmText, confirmColor: '#fe2c55' }))
  return res.confirm === true
}

/** A toast never fails the caller: it is feedback, not a step of the flow. */
export function showToast(title: string, icon: 'none' | 'success' = 'none'): void {
  Taro.showToast({ title, icon, duration: 2500 }).catch(() => undefined)
}
