import Taro from '@tarojs/taro'
import type { ButtonProps } from '@tarojs/components'
import type { PhoneNumberDetail } from './phone-number'

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

/**
 * Props for the button that asks for the phone number. Douyin hands the result to
 * `onGetPhoneNumber` after the user's consent; a browser has no such button, so the preview
 * asks the emulator for the same event detail on click.
 */
export function phoneNumberButtonProps(onDetail: (detail: PhoneNumberDetail) => void): ButtonProps {
  if (preview) return { onClick: () => void preview.phoneNumberDetail().then(onDetail) }
  return { openType: 'getPhoneNumber', onGetPhoneNumber: (event) => onDetail(event.detail) }
}
