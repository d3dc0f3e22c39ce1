import { useRef, useState } from 'react'
import { useLoad } from '@tarojs/taro'
import { messageFor } from '../feedback/error-messages'

/** What a page shows for data it loads: a placeholder, the reason it failed, or the data. */
export type RemoteState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T }

export interface Remote<T> {
  state: RemoteState<T>
  /** The data once loaded, else undefined. */
  data: T | undefined
  /**
   * Loads again: the error state's retry, or a refresh after an action (the data stays on
   * screen meanwhile). Resolves once settled, never rejects.
   */
  reload: () => Promise<void>
  /** Replaces the loaded data with what an action returned (no-op before the first load). */
  update: (next: (data: T) => T) => void
}

/**
 * Data a page loads when it opens. A failure becomes the error state with a readable message
 * (the page shows it with a retry), not a toast that disappears and leaves an empty card.
 * Only the latest load counts, so a slow first answer never overwrites a retry's.
 */
export function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' })
  const latest = useRef(0)

  function reload(): Promise<void> {
    const attempt = ++latest.current
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }))
    return load().then(
      (data) => {
        if (attempt === latest.current) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (attempt === latest.current) setState({ status: 'error', message: messageFor(error) })
      }
    )
  }

  useLoad(() => void reload())

  return {
    state,
    data: state.status === 'ready' ? state.data : undefined,
    reload,
    update: (next) => setState((current) => (current.status === 'ready' ? { status: 'ready', data: next(current.data) } : current))
  }
}
