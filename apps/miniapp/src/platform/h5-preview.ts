import { createTt } from '@douyin-kit/douyin-emulator/tt'
import type { PhoneNumberDetail } from './phone-number'

/**
 * H5 builds only (see host.ts): the emulator's `tt`, bound to one emulator user of the dev app.
 * `localStorage` keys let a tester switch user or phone-number flow without rebuilding:
 *   douyin-kit:preview-user        emulator user id (default u_alice of the dev seed)
 *   douyin-kit:preview-phone-flow  'code' (new flow, default) or 'encrypted' (old flow)
 */
const setting = (key: string): string | null => window.localStorage.getItem(`douyin-kit:preview-${key}`)

export const tt = createTt({
  emulatorUrl: process.env.TARO_APP_EMULATOR_URL as string,
  appid: process.env.TARO_APP_EMULATOR_APPID as string,
  userId: setting('user') || 'u_alice'
})

export function phoneNumberDetail(): Promise<PhoneNumberDetail> {
  return tt.emulator.phoneNumberEvent(setting('phone-flow') === 'encrypted' ? 'encrypted' : 'code')
}
