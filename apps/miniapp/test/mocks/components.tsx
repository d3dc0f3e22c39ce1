import { useEffect, useRef, type ReactNode } from 'react'

interface Props {
  className?: string
  children?: ReactNode
  onClick?: () => void
}

interface ButtonProps extends Props {
  id?: string
  openType?: string
  disabled?: boolean
  loading?: boolean
  onGetPhoneNumber?: (event: { detail: unknown }) => void
  onAgreePrivacyAuthorization?: (event: { detail: unknown }) => void
}

export const View = ({ className, children, onClick }: Props) => (
  <div className={className} onClick={onClick}>
    {children}
  </div>
)
export const Text = ({ className, children, onClick }: Props) => (
  <span className={className} onClick={onClick}>
    {children}
  </span>
)
// Tests fire `error` on the <img> to play an image that does not load.
export const Image = ({ className, src, onError }: Props & { src: string; onError?: () => void }) => (
  <img className={className} src={src} onError={onError} />
)

function useHostEvent(ref: { current: HTMLButtonElement | null }, type: string, handler?: (event: { detail: unknown }) => void) {
  useEffect(() => {
    const el = ref.current
    if (!el || !handler) return
    const listener = (e: Event) => handler({ detail: (e as CustomEvent).detail })
    el.addEventListener(type, listener)
    return () => el.removeEventListener(type, listener)
  }, [ref, type, handler])
}

// The host fires `getphonenumber` / `agreeprivacyauthorization` on an openType button; tests
// dispatch them as CustomEvents.
export const Button = ({
  id,
  className,
  children,
  onClick,
  openType,
  disabled,
  onGetPhoneNumber,
  onAgreePrivacyAuthorization
}: ButtonProps) => {
  const ref = useRef<HTMLButtonElement>(null)
  useHostEvent(ref, 'getphonenumber', onGetPhoneNumber)
  useHostEvent(ref, 'agreeprivacyauthorization', onAgreePrivacyAuthorization)
  return (
    <button ref={ref} id={id} className={className} data-open-type={openType} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  )
}
