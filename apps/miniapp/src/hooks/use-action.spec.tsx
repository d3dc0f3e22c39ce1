import { act, renderHook, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { TtError } from '../platform/tt-error'
import { useAction } from './use-action'

describe('useAction', () => {
  it('starts the operation inside the tap itself, is busy until it settles, and hands over the result', async () => {
    let finish: (value: string) => void = () => {}
    const operation = jest.fn((name: string) => new Promise<string>((resolve) => (finish = (v) => resolve(`${name}:${v}`))))
    const onDone = jest.fn()
    const { result } = renderHook(() => useAction(operation, onDone))

    act(() => result.current.run('tap'))
    expect(operation).toHaveBeenCalledWith('tap') // synchronously: the host still sees the gesture
    expect(result.current.busy).toBe(true)

    await act(async () => finish('ok'))
    expect(onDone).toHaveBeenCalledWith('tap:ok')
    expect(result.current.busy).toBe(false)
  })

  it('toasts a failure, also one thrown before any promise, and is no longer busy', async () => {
    const { result } = renderHook(() =>
      useAction(() => {
        throw new TtError('getSystemInfo:fail internal error')
      }, jest.fn())
    )
    act(() => result.current.run())
    await waitFor(() => expect(result.current.busy).toBe(false))
    expect(Taro.showToast).toHaveBeenCalledTimes(1)
  })

  it('says nothing about a cancelled picker when asked to, and toasts it otherwise', async () => {
    const cancelled = () => Promise.reject(new TtError('chooseAddress:fail cancel', 103995))
    const quiet = renderHook(() => useAction(cancelled, jest.fn(), { quietCancel: true })).result
    act(() => quiet.current.run())
    await waitFor(() => expect(quiet.current.busy).toBe(false))
    expect(Taro.showToast).not.toHaveBeenCalled()

    const loud = renderHook(() => useAction(cancelled, jest.fn())).result
    act(() => loud.current.run())
    await waitFor(() => expect(loud.current.busy).toBe(false))
    expect(Taro.showToast).toHaveBeenCalledTimes(1)
  })
})
