import { useState } from 'react'
import { toastError, toastErrorUnlessCancelled } from '../feedback/toast'

export interface ActionOptions {
  /** A user who closed the picker or popup the action opened is told nothing. */
  quietCancel?: boolean
}

export interface Action<Args extends unknown[]> {
  /** Starts the action; call it straight from the tap handler. */
  run: (...args: Args) => void
  /** True while the action runs: the button shows it and takes no second tap. */
  busy: boolean
}

/**
 * A button's action: busy while it runs, its result to `onDone`, any failure as a readable toast.
 * `operation` is called synchronously inside `run`, so host APIs that must start from the tap
 * itself (getUserProfile, chooseAddress, requestSubscribeMessage) still see the user's gesture.
 */
export function useAction<Args extends unknown[], T>(
  operation: (...args: Args) => Promise<T>,
  onDone: (result: T) => void,
  options: ActionOptions = {}
): Action<Args> {
  const [busy, setBusy] = useState(false)

  function run(...args: Args): void {
    setBusy(true)
    let started: Promise<T>
    try {
      started = operation(...args)
    } catch (error) {
      started = Promise.reject(error)
    }
    void started.then(onDone, options.quietCancel ? toastErrorUnlessCancelled : toastError).finally(() => setBusy(false))
  }

  return { run, busy }
}
