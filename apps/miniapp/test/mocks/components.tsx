import type { ReactNode } from 'react'

interface Props {
  className?: string
  children?: ReactNode
  onClick?: () => void
}

export const View = ({ className, children, onClick }: Props) => <div className={className} onClick={onClick}>{children}</div>
export const Text = ({ className, children }: Props) => <span className={className}>{children}</span>
export const Button = ({ className, children, onClick }: Props) => <button className={className} onClick={onClick}>{children}</button>
