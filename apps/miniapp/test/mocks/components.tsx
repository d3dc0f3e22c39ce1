import { useEffect, useRef, type ReactNode } from 'react'

interface Props {
  className?: string
  children?: ReactNode
  onClick?: () => void
}

interface ButtonProps extends Props {
  openType?: string
  disabled?: boolean
  loading?: boolean
  onGetPhoneNumber?: (event: { detail: unknown }) => void
}

export const View = ({ className, children, onClick }: Props) => (
  <div className={className} onClick={onClick}>
    {children}
  </div>
)
export const Text = ({ className, children }: Props) => <span className={className}>{children}</span>
export const Image = ({ className, src }: Props & { src: string }) => <img className={className} src={src} />

// The host fires `getphonenumber` on an openType button; tests dispatch it as a CustomEvent.
export const Button = ({ className, children, onClick, openType, disabled, onGetPhoneNumber }: ButtonProps) => {
  const ref = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const el = ref.current
    if (!el || !onGetPhoneNumber) return
    const listener = (e: Event) => onGetPhoneNumber({ detail: (e as CustomEvent).detail })
    el.addEventListener('getphonenumber', listener)
    return () => el.removeEventListener('getphonenumber', listener)
  }, [onGetPhoneNumber])
  return (
    <button ref={ref} className={className} data-open-type={openType} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  )
}
