import Taro from '@tarojs/taro'

type Resolve = (option: { event: string; buttonId?: string }) => void
type Listener = (resolve: Resolve, eventInfo: { referrer: string }) => void

/**
 * Plays the host's privacy check (base library 3.19.0+) for jest: until the user agrees, a
 * privacy API waits for the listener the app registered with onNeedPrivacyAuthorization, runs
 * after `resolve({buttonId, event:'agree'})` for the agree button the user tapped, and fails
 * with the refusal errMsg after `resolve({event:'disagree'})`.
 */
let recordTap: ((event: Event) => void) | undefined

export function fakePrivacyHost({ agreed = false, contractName = '《测试隐私保护指引》' } = {}) {
  const state = { agreed, asked: [] as string[], resolutions: [] as Array<{ event: string; buttonId?: string }> }
  let listener: Listener | undefined
  // Like the base library, remember which agreePrivacyAuthorization button fired its event.
  const tapped = new Set<string>()
  if (recordTap) document.removeEventListener('agreeprivacyauthorization', recordTap, true)
  recordTap = (event) => {
    const button = event.target as HTMLElement
    if (button.getAttribute('data-open-type') === 'agreePrivacyAuthorization') tapped.add(button.id)
  }
  document.addEventListener('agreeprivacyauthorization', recordTap, true)
  jest.mocked(Taro.onNeedPrivacyAuthorization).mockImplementation((l: Listener) => {
    listener = l
  })
  jest
    .mocked(Taro.getPrivacySetting)
    .mockImplementation((({ success }: { success: (r: unknown) => void }) =>
      success({ errMsg: 'getPrivacySetting:ok', needAuthorization: !state.agreed, privacyContractName: contractName })) as never)
  jest
    .mocked(Taro.openPrivacyContract)
    .mockImplementation((({ success }: { success: (r: unknown) => void }) => success({ errMsg: 'openPrivacyContract:ok' })) as never)

  /** Wraps a privacy API's behaviour (a jest mock implementation) in the privacy check. */
  function guard<A extends unknown[], R>(api: string, run: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R> => {
      if (!state.agreed) {
        if (!listener) throw new Error(`${api}: the fake host has no onNeedPrivacyAuthorization listener`)
        state.asked.push(api)
        const current = listener
        const outcome = await new Promise<{ event: string; buttonId?: string }>((settle) =>
          current(
            (option) => {
              state.resolutions.push(option)
              settle(option)
            },
            { referrer: api }
          )
        )
        const wasTapped = outcome.buttonId !== undefined && tapped.delete(outcome.buttonId)
        if (outcome.event !== 'agree' || !wasTapped) {
          throw { errMsg: `${api}:fail privacy permission is not authorized` }
        }
        state.agreed = true
      }
      return run(...args)
    }
  }

  return { state, guard }
}
