import { Button, Text } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'

export type ActionButtonProps = Omit<ButtonProps, 'loading'> & {
  /** The action runs: a spinner, and no second tap. */
  busy?: boolean
}

/**
 * A page's main button (`.primary-button`): a spinner while busy, faded while it cannot be tapped.
 * The label sits in its own <Text>: in the H5 preview, React replacing a button's bare text
 * (a label that changes, e.g. 获取 → 更新) also wipes the nodes Taro's button component keeps
 * for its spinner, and the next spinner then fails with an `insertBefore` NotFoundError.
 */
export function ActionButton({ busy = false, disabled = false, className, children, ...props }: ActionButtonProps) {
  const state = busy ? ' primary-button--busy' : disabled ? ' primary-button--disabled' : ''
  return (
    <Button {...props} className={`primary-button${state}${className ? ` ${className}` : ''}`} loading={busy} disabled={busy || disabled}>
      <Text>{children}</Text>
    </Button>
  )
}
