import Taro from '@tarojs/taro'
import type { ButtonProps } from '@tarojs/components'
import type { PhoneNumberDetail } from './phone-number'
import { TtError } from './tt-error'

/** The host APIs `platform` calls. On Douyin they are Taro's promise wrappers of `tt.*`. */
export interface Host {
  login(): Promise<unknown>
  getUserProfile(options: { desc: string }): Promise<unknown>
  getSystemInfo(): Promise<unknown>
  chooseAddress(): Promise<unknown>
  getLocation(options: { type: string }): Promise<unknown>
  requestSubscribeMessage(options: { tmplIds: string[] }): Promise<unknown>
}

/**
 * Taro's H5 runtime lacks login, getUserProfile, chooseAddress and requestSubscribeMessage, so
 * the browser preview plays the phone with the douyin-emulator's `tt`. Taro inlines TARO_ENV at
 * build time: in a tt build this condition is `false`, webpack drops the `require` with it, and
 * no emulator code reaches the mini-program (test/build checks the bundle). An `import` would
 * be kept in every build, so this is a `require`.
 */
const preview: typeof import('./h5-preview') | undefined =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  process.env.TARO_ENV === 'h5' ? (require('./h5-preview') as typeof import('./h5-preview')) : undefined

export const host: Host = preview?.tt ?? Taro

export type PrivacyResolve = (option: { event: 'agree' | 'disagree'; buttonId?: string }) => void
type PrivacyListener = (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void

/** The callback-style privacy APIs both hosts share (Taro does not promisify them). */
interface PrivacyApis {
  getPrivacySetting?(options: { success(res: unknown): void; fail(err: unknown): void }): unknown
  openPrivacyContract?(options: { success(res: unknown): void; fail(err: unknown): void }): unknown
  onNeedPrivacyAuthorization?(listener: PrivacyListener): void
}

const privacyApis = (): PrivacyApis => preview?.tt ?? Taro

function callback<T>(api: 'getPrivacySetting' | 'openPrivacyContract'): Promise<T> {
  const apis = privacyApis()
  if (typeof apis[api] !== 'function') return Promise.reject(new TtError(`${api}:fail not supported`))
  return new Promise((resolve, reject) => void apis[api]?.({ success: (res) => resolve(res as T), fail: reject }))
}

/** The privacy APIs (base library 3.19.0+): the privacy gate (privacy.ts) is their only caller. */
export const privacyHost = {
  supported: (): boolean => typeof privacyApis().onNeedPrivacyAuthorization === 'function',
  getPrivacySetting: () => callback<{ needAuthorization: boolean; privacyContractName: string }>('getPrivacySetting'),
  openPrivacyContract: () => callback<unknown>('openPrivacyContract'),
  onNeedPrivacyAuthorization: (listener: PrivacyListener): void => privacyApis().onNeedPrivacyAuthorization?.(listener)
}

/**
 * Props for the privacy popup's agree button. On Douyin it is an agreePrivacyAuthorization
 * button: the host records the tap and then fires the agree event. A browser has no such
 * button, so the preview tells the emulator's tt about the tap itself.
 */
export function privacyAgreeButtonProps(buttonId: string, onAgree: () => void): ButtonProps {
  if (preview) {
    const tt = preview.tt
    return {
      id: buttonId,
      onClick: () => {
        tt.emulator.tapPrivacyAgreeButton(buttonId)
        onAgree()
      }
    }
  }
  return { id: buttonId, openType: 'agreePrivacyAuthorization', onAgreePrivacyAuthorization: onAgree }
}

/**
 * Props for the button that asks for the phone number. Douyin hands the result to
 * `onGetPhoneNumber` after the user's consent; a browser has no such button, so the preview
 * asks the emulator for the same event detail on click.
 */
export function phoneNumberButtonProps(onDetail: (detail: PhoneNumberDetail) => void): ButtonProps {
  if (preview) return { onClick: () => void preview.phoneNumberDetail().then(onDetail) }
  return { openType: 'getPhoneNumber', onGetPhoneNumber: (event) => onDetail(event.detail) }
}
