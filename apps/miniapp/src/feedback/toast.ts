import { isTtCancel, showToast, undeclaredPrivacyScope } from '../platform'
import { messageFor } from './error-messages'

/** Tells the user what went wrong, in words, and nothing else. */
export function toastError(error: unknown): void {
  const undeclared = undeclaredPrivacyScope(error)
  if (undeclared) {
    // A toast is short: the console keeps the whole instruction for the developer.
    console.error(
      `[privacy] ${undeclared.api} failed: declare "${undeclared.item}" in the console's privacy agreement (设置 → 基础设置 → 类目与配置 → 用户隐私保护指引)`
    )
  }
  showToast(messageFor(error))
}

export function toastSuccess(title: string): void {
  showToast(title, 'success')
}

/** Like toastError, but a user who closed a picker or popup is told nothing. */
export function toastErrorUnlessCancelled(error: unknown): void {
  if (!isTtCancel(error)) toastError(error)
}
