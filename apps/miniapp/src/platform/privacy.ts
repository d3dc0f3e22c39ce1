import { privacyHost, type PrivacyResolve } from './host'
import { toTtError } from './tt-error'

/**
 * The privacy gate (base library 3.19.0+, `usePrivacyCheck` in app.config.ts). Before the user
 * has agreed to the app's privacy agreement, the host holds every privacy API (getUserProfile,
 * the getPhoneNumber button, chooseAddress, getLocation) and asks for agreement:
 *
 * - `custom` (the kit's default): the kit's own popup (components/PrivacyPopup), shown through
 *   `tt.onNeedPrivacyAuthorization`. "同意" is a `<Button openType="agreePrivacyAuthorization">`
 *   whose agree event resolves `{buttonId, event:'agree'}` and the held call runs; "拒绝"
 *   resolves `{event:'disagree'}` and the call fails with "…:fail privacy permission is not
 *   authorized", which the flow shows as a toast. The next tap asks again.
 * - `official`: no listener; the host shows its own popup. Build with TARO_APP_PRIVACY_POPUP=official.
 *
 * Pages that call a privacy API render <PrivacyPopup />; only the gate talks to the host.
 */

export type PrivacyPopupMode = 'custom' | 'official'

export const PRIVACY_POPUP_MODE: PrivacyPopupMode = process.env.TARO_APP_PRIVACY_POPUP === 'official' ? 'official' : 'custom'

/** The id of the popup's agree button: the host checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

/** What the popup shows while a privacy API waits; null when nothing waits. */
export interface PrivacyRequest {
  /** The API or component waiting, as the host names it (e.g. `getUserProfile`, `button.getPhoneNumber`). */
  referrer: string
  /** The agreement's name from getPrivacySetting, e.g. 《小程序用户隐私保护指引》. */
  contractName: string
}

type Subscriber = (request: PrivacyRequest | null) => void

const DEFAULT_CONTRACT_NAME = '《用户隐私保护指引》'

let installed = false
let waiting: { resolve: PrivacyResolve; request: PrivacyRequest } | null = null
const subscribers = new Set<Subscriber>()

function publish(): void {
  const request = waiting?.request ?? null
  subscribers.forEach((subscriber) => subscriber(request))
}

/** The user's agreement state and the agreement's name (getPrivacySetting). */
export async function getPrivacySetting(): Promise<{ needAuthorization: boolean; privacyContractName: string }> {
  try {
    return await privacyHost.getPrivacySetting()
  } catch (reason) {
    throw toTtError('getPrivacySetting', reason)
  }
}

/** Opens the agreement itself (tt.openPrivacyContract); a failure is not worth a toast. */
export function openPrivacyContract(): void {
  privacyHost.openPrivacyContract().catch(() => undefined)
}

/**
 * Registers the kit's popup with the host, once, at launch (custom mode; a host without the
 * privacy APIs, base library < 3.19.0, has no gate to register with).
 */
export function installPrivacyGate(): void {
  if (installed || PRIVACY_POPUP_MODE !== 'custom' || !privacyHost.supported()) return
  installed = true
  privacyHost.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    // A second request while one waits (another page's call): the first is refused so no call hangs.
    waiting?.resolve({ event: 'disagree' })
    const request: PrivacyRequest = { referrer: eventInfo?.referrer ?? '', contractName: DEFAULT_CONTRACT_NAME }
    waiting = { resolve, request }
    if (subscribers.size === 0) {
      // No page shows the popup (a page calling a privacy API without <PrivacyPopup />):
      // refuse, so the call fails with a message instead of waiting forever.
      console.warn(`[privacy] ${request.referrer} needs agreement, but this page renders no <PrivacyPopup />`)
      settle({ event: 'disagree' })
      return
    }
    publish()
    // No resolve({event: 'exposureAuthorization'}) here: WeChat documents it, Douyin's
    // onNeedPrivacyAuthorization page names only agree and disagree, and a host that read an
    // unknown event as a refusal would fail the held call while the popup is still up.
    getPrivacySetting().then(
      ({ privacyContractName }) => {
        if (waiting?.request !== request || !privacyContractName) return
        waiting = { resolve, request: { ...request, contractName: privacyContractName } }
        publish()
      },
      () => undefined
    )
  })
}

function settle(option: Parameters<PrivacyResolve>[0]): void {
  const current = waiting
  waiting = null
  current?.resolve(option)
  publish()
}

/** The agree button's agree event fired: the held call runs. */
export function agreePrivacy(): void {
  settle({ buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' })
}

/** "拒绝" (or the popup went away): the held call fails with the refusal errMsg. */
export function disagreePrivacy(): void {
  settle({ event: 'disagree' })
}

/** The popup's view of the gate: called now with the current request and on every change. */
export function subscribePrivacy(subscriber: Subscriber): () => void {
  subscribers.add(subscriber)
  subscriber(waiting?.request ?? null)
  return () => {
    subscribers.delete(subscriber)
    // The last popup unmounted (its page closed) while a call waits: refuse it, nothing hangs.
    if (subscribers.size === 0 && waiting) disagreePrivacy()
  }
}

/** Tests only: forget the registration and any waiting call. */
export function resetPrivacyGateForTests(): void {
  installed = false
  waiting = null
  subscribers.clear()
}
