import { useEffect, useState } from 'react'
import type { TUser } from '@douyin-kit/contracts'
import { session } from '../api/session'

/** The logged-in user, re-rendering whenever the session learns a fresher one. */
export function useSessionUser(): TUser | null {
  const [user, setUser] = useState(session.currentUser())
  useEffect(() => session.subscribe(setUser), [])
  return user
}
