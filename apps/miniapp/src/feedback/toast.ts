import { isTtCancel, showToast } from '../platform'
import { messageFor } from './error-messages'

/** Tells the user what went wrong, in words, and nothing else. */
export function toastError(error: unknown): void {
  showToast(messageFor(error))
}

export function toastSuccess(title: string): void {
  showToast(title, 'success')
}

/** Like toastError, but a user who closed a picker or popup is told nothing. */
export function toastErrorUnlessCancelled(error: unknown): void {
  if (!isTtCancel(error)) toastError(error)
}
