import { routes, type TUser } from '@douyin-kit/contracts'
import * as platform from '../platform'
import { ApiError, isApiError } from './api-error'
import { apiRequest } from './client'
import { clearToken, readToken, writeToken } from './token-store'

export interface WithSessionOptions {
  /**
   * Whether `call` may simply run again after a re-login and still be valid (default true).
   * False for a payload the app cannot produce again by itself, e.g. the old getPhoneNumber
   * `{encryptedData, iv}` from a button event: any re-login makes it stale, so the session is
   * renewed and the error is rethrown so the page can ask the user to tap again.
   */
  replayable?: boolean
}

type Listener = (user: TUser | null) => void

/**
 * The login state of one app run. Logins are serialised: concurrent callers share one in-flight
 * `tt.login` + `POST /auth/login`, and nothing that needs the session key starts while it runs,
 * because a second `tt.login` rotates the key that encrypted payloads are bound to.
 */
export function createSession() {
  let user: TUser | null = null
  let inFlight: Promise<TUser> | null = null
  // Bumped by each successful login, so a failure seen after someone else re-logged in retries
  // on the new session instead of logging in yet again.
  let generation = 0
  // The generation of the first re-login caused by SESSION_KEY_STALE, until a call succeeds: a
  // payload still stale on that session or a later one will not be fixed by a silent login.
  let staleSince: number | null = null
  const listeners = new Set<Listener>()

  function setUser(next: TUser | null) {
    user = next
    listeners.forEach((listener) => listener(next))
  }

  /** tt.login, then POST /auth/login with the codes it gave. */
  async function postLoginCodes() {
    const { code, anonymousCode } = await platform.login()
    if (!code && !anonymousCode) throw new platform.TtError('login:fail no code')
    const body = { ...(code ? { code } : {}), ...(anonymousCode ? { anonymousCode } : {}) }
    return apiRequest(routes.auth.login, { body })
  }

  function login(): Promise<TUser> {
    if (inFlight) return inFlight
    inFlight = (async () => {
      let res
      try {
        res = await postLoginCodes()
      } catch (error) {
        // Codes are single-use: one already spent (a request retried after its answer was lost)
        // or expired is refused. Fresh codes from tt.login are the way out, once.
        if (!isApiError(error, 'LOGIN_CODE_INVALID', 'ANONYMOUS_CODE_INVALID')) throw error
        res = await postLoginCodes()
      }
      writeToken(res.token)
      generation += 1
      setUser(res.user)
      return res.user
    })().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  /**
   * Resolves with the logged-in user, logging in (once, shared) when this app run has not yet.
   * A stored token from an earlier run is not trusted for the key: each run logs in afresh.
   */
  function ensureLogin(): Promise<TUser> {
    if (inFlight) return inFlight
    if (user && readToken()) return Promise.resolve(user)
    return login()
  }

  /**
   * Runs `call` with a session, and on SESSION_KEY_STALE or UNAUTHENTICATED logs in again
   * silently once and runs `call` once more.
   *
   * `call` must produce its payload AND post it: a getUserProfile or getPhoneNumber payload is
   * encrypted with the key of the login before it, so after a re-login only a payload made
   * again is valid. Pass `() => platform.getUserProfile(…).then(postProfile)`, never a payload
   * made beforehand.
   *
   * When a session is ready, `call` starts synchronously (no await before it): getUserProfile
   * only works inside the tap handler's own tick. The retry runs outside the tap, so a host that
   * refuses it (errNo 21500) surfaces as an error whose toast asks the user to tap again.
   *
   * A payload refused as stale again after that one re-login (on the retry, or on the next tap
   * of a payload that cannot be replayed) ends in RELOGIN_REQUIRED ("log in again") instead of
   * another silent login: the server counts these failures and cuts the user off after a few
   * (429 RATE_LIMITED, passed through like any other error), so looping would only get there.
   * The next call then starts with a fresh login.
   */
  async function withSession<T>(call: () => Promise<T>, { replayable = true }: WithSessionOptions = {}): Promise<T> {
    const startedOn = generation
    const first = user && !inFlight && readToken() ? call() : ensureLogin().then(call)
    try {
      return succeeded(await first)
    } catch (error) {
      if (!isApiError(error, 'SESSION_KEY_STALE', 'UNAUTHENTICATED')) throw error
      if (isApiError(error, 'SESSION_KEY_STALE') && staleSince !== null && startedOn >= staleSince) throw reloginRequired(error)
      if (generation === startedOn) await login()
      else await ensureLogin()
      if (isApiError(error, 'SESSION_KEY_STALE')) staleSince ??= generation
      if (!replayable) throw error
      try {
        return succeeded(await call())
      } catch (retryError) {
        throw isApiError(retryError, 'SESSION_KEY_STALE') ? reloginRequired(retryError) : retryError
      }
    }
  }

  function succeeded<T>(result: T): T {
    staleSince = null
    return result
  }

  function reloginRequired(stale: ApiError): ApiError {
    // Without a token the next call logs in before it runs, started by the user's next tap.
    clearToken()
    return new ApiError('RELOGIN_REQUIRED', 'still SESSION_KEY_STALE after logging in again', stale.status, stale.requestId)
  }

  return {
    ensureLogin,
    withSession,
    currentUser: () => user,
    /** For pages that got a fresher user from the API (profile, phone). */
    updateUser: (next: TUser) => setUser(next),
    subscribe(listener: Listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    /** Forgets the user and the token (sign-out, and a clean slate between tests). */
    clear() {
      inFlight = null
      generation = 0
      staleSince = null
      clearToken()
      setUser(null)
    }
  }
}

export type Session = ReturnType<typeof createSession>

/** The app's one session. */
export const session = createSession()
