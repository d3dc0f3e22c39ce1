import { act, renderHook, waitFor } from '@testing-library/react'
import { ApiError } from '../api/api-error'
import { useRemote } from './use-remote'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((res) => {
    resolve = res
  })
  return { promise, resolve }
}

describe('useRemote', () => {
  it('keeps the data on screen while it refreshes, and only the latest load counts', async () => {
    const loads = [deferred<string>(), deferred<string>(), deferred<string>()]
    let n = 0
    const { result } = renderHook(() => useRemote(() => loads[n++]!.promise))
    expect(result.current.state).toEqual({ status: 'loading' })

    await act(async () => loads[0]!.resolve('first'))
    expect(result.current.data).toBe('first')

    let slow!: Promise<void>
    act(() => {
      slow = result.current.reload()
    })
    expect(result.current.state).toEqual({ status: 'ready', data: 'first' })
    act(() => void result.current.reload())
    await act(async () => loads[2]!.resolve('third'))
    await act(async () => {
      loads[1]!.resolve('second, too late')
      await slow
    })
    expect(result.current.data).toBe('third')
  })

  it('turns a failure into a readable message', async () => {
    const { result } = renderHook(() => useRemote(() => Promise.reject(new ApiError('DATABASE_UNAVAILABLE', 'GET /me: 503', 503))))

    await waitFor(() => expect(result.current.state).toEqual({ status: 'error', message: '服务繁忙，请稍后重试' }))
    expect(result.current.data).toBeUndefined()
  })
})
