import Taro from '@tarojs/taro'
import { clearStorage } from '../../test/mocks/taro'
import { aLogin, aUser, fail, fakeApi, ok, requestsTo, ttLoginSucceeds } from '../../test/fake-api'
import { ApiError } from './api-error'
import { apiRequest } from './client'
import { messageFor } from '../feedback/error-messages'
import { createSession } from './session'
import { routes } from '@douyin-kit/contracts'

const login = jest.mocked(Taro.login)
const getUserProfile = jest.mocked(Taro.getUserProfile)

const profilePayload = { rawData: '{}', signature: 'sig', encryptedData: 'enc', iv: 'iv' }

/** What a page passes to withSession: produce the payload with tt, then post it. */
const produceAndPost = () =>
  (Taro.getUserProfile({ desc: 'test' }) as unknown as Promise<typeof profilePayload>).then((p) =>
    apiRequest(routes.me.profile, { body: p })
  )

beforeEach(() => {
  clearStorage()
  ttLoginSucceeds()
  getUserProfile.mockResolvedValue({ errMsg: 'getUserProfile:ok', ...profilePayload } as never)
})

describe('ensureLogin', () => {
  it('shares one tt.login and one POST /auth/login between concurrent callers', async () => {
    const user = aUser()
    fakeApi({ 'POST /auth/login': aLogin(user) })
    const session = createSession()

    const [a, b] = await Promise.all([session.ensureLogin(), session.ensureLogin()])

    expect(a).toEqual(user)
    expect(b).toEqual(user)
    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /auth/login')).toHaveLength(1)
    expect(requestsTo('POST /auth/login')[0]!.data).toEqual({ code: 'login-code', anonymousCode: 'anon-code' })
  })

  it('does not start a session-bound call while a login is in flight', async () => {
    let finishLogin!: (value: unknown) => void
    login.mockReturnValue(new Promise((resolve) => (finishLogin = resolve)) as never)
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'POST /me/profile': ok(aUser()) })
    const session = createSession()

    const pending = session.ensureLogin()
    const call = jest.fn(produceAndPost)
    const done = session.withSession(call)
    await Promise.resolve()
    expect(call).not.toHaveBeenCalled()

    finishLogin({ errMsg: 'login:ok', code: 'c', anonymousCode: 'a' })
    await Promise.all([pending, done])
    expect(call).toHaveBeenCalledTimes(1)
    expect(login).toHaveBeenCalledTimes(1)
  })
})

describe('login with a spent code', () => {
  it('calls tt.login again once and logs in with the fresh codes', async () => {
    const user = aUser()
    fakeApi({ 'POST /auth/login': [fail(400, 'LOGIN_CODE_INVALID'), aLogin(user, 'token-2')] })
    login
      .mockResolvedValueOnce({ errMsg: 'login:ok', code: 'spent-code', anonymousCode: 'anon-1', isLogin: true })
      .mockResolvedValueOnce({ errMsg: 'login:ok', code: 'fresh-code', anonymousCode: 'anon-2', isLogin: true })
    const session = createSession()

    await expect(session.ensureLogin()).resolves.toEqual(user)

    expect(login).toHaveBeenCalledTimes(2)
    expect(requestsTo('POST /auth/login').map((r) => r.data)).toEqual([
      { code: 'spent-code', anonymousCode: 'anon-1' },
      { code: 'fresh-code', anonymousCode: 'anon-2' }
    ])
  })

  it('gives up after the second refusal instead of looping', async () => {
    fakeApi({ 'POST /auth/login': fail(400, 'ANONYMOUS_CODE_INVALID') })
    const session = createSession()

    await expect(session.ensureLogin()).rejects.toMatchObject({ code: 'ANONYMOUS_CODE_INVALID' })

    expect(login).toHaveBeenCalledTimes(2)
    expect(requestsTo('POST /auth/login')).toHaveLength(2)
  })
})

describe('withSession', () => {
  async function loggedIn() {
    const session = createSession()
    await session.ensureLogin()
    login.mockClear()
    jest.mocked(Taro.request).mockClear()
    return session
  }

  it('starts the call synchronously when a session is ready (getUserProfile needs the tap tick)', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'POST /me/profile': ok(aUser()) })
    const session = await loggedIn()

    const done = session.withSession(produceAndPost)

    expect(getUserProfile).toHaveBeenCalledTimes(1)
    await done
  })

  it('on SESSION_KEY_STALE logs in again once and re-produces the payload before retrying', async () => {
    const saved = aUser({ nickname: '小明' })
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2')],
      'POST /me/profile': [fail(409, 'SESSION_KEY_STALE'), ok(saved)]
    })
    const session = await loggedIn()

    await expect(session.withSession(produceAndPost)).resolves.toEqual(saved)

    expect(login).toHaveBeenCalledTimes(1)
    expect(getUserProfile).toHaveBeenCalledTimes(2)
    const posts = requestsTo('POST /me/profile')
    expect(posts.map((p) => p.header.authorization)).toEqual(['Bearer token-1', 'Bearer token-2'])
  })

  it('on UNAUTHENTICATED logs in again and retries once, then gives up', async () => {
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'POST /me/profile': fail(401, 'UNAUTHENTICATED')
    })
    const session = await loggedIn()

    const error = await session.withSession(produceAndPost).catch((e) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('UNAUTHENTICATED')
    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /me/profile')).toHaveLength(2)
  })

  it('for a payload that cannot be made again, renews the session but does not retry', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'POST /me/phone': fail(409, 'SESSION_KEY_STALE') })
    const session = await loggedIn()
    const post = () => apiRequest(routes.me.phone, { body: { encryptedData: 'e', iv: 'i' } })

    await expect(session.withSession(post, { replayable: false })).rejects.toMatchObject({ code: 'SESSION_KEY_STALE' })

    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /me/phone')).toHaveLength(1)
  })

  it('when the re-produced payload is stale again, stops with RELOGIN_REQUIRED instead of logging in again', async () => {
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2'), aLogin(aUser(), 'token-3')],
      'POST /me/profile': fail(409, 'SESSION_KEY_STALE')
    })
    const session = await loggedIn()

    const error = await session.withSession(produceAndPost).catch((e) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('RELOGIN_REQUIRED')
    expect(messageFor(error)).toBe('登录状态异常，请重新登录后再试')
    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /me/profile')).toHaveLength(2)
  })

  it('after RELOGIN_REQUIRED, the next call logs in afresh first, and gives up at once if still stale', async () => {
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2'), aLogin(aUser(), 'token-3')],
      'POST /me/profile': fail(409, 'SESSION_KEY_STALE')
    })
    const session = await loggedIn()
    await session.withSession(produceAndPost).catch(() => undefined)
    login.mockClear()
    jest.mocked(Taro.request).mockClear()

    await expect(session.withSession(produceAndPost)).rejects.toMatchObject({ code: 'RELOGIN_REQUIRED' })

    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /auth/login')).toHaveLength(1)
    expect(requestsTo('POST /me/profile').map((p) => p.header.authorization)).toEqual(['Bearer token-3'])
  })

  it('for a payload that cannot be made again, a second stale answer after the re-login asks the user to log in again', async () => {
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2')],
      'POST /me/phone': fail(409, 'SESSION_KEY_STALE')
    })
    const session = await loggedIn()
    const post = () => apiRequest(routes.me.phone, { body: { encryptedData: 'e', iv: 'i' } })

    await expect(session.withSession(post, { replayable: false })).rejects.toMatchObject({ code: 'SESSION_KEY_STALE' })
    await expect(session.withSession(post, { replayable: false })).rejects.toMatchObject({ code: 'RELOGIN_REQUIRED' })

    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /me/phone').map((p) => p.header.authorization)).toEqual(['Bearer token-1', 'Bearer token-2'])
  })

  it('a success ends the stale streak: a later stale key gets its one silent re-login again', async () => {
    const saved = aUser()
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2'), aLogin(aUser(), 'token-3')],
      'POST /me/profile': [fail(409, 'SESSION_KEY_STALE'), ok(saved), fail(409, 'SESSION_KEY_STALE'), ok(saved)]
    })
    const session = await loggedIn()

    await expect(session.withSession(produceAndPost)).resolves.toEqual(saved)
    await expect(session.withSession(produceAndPost)).resolves.toEqual(saved)

    expect(login).toHaveBeenCalledTimes(2)
    expect(requestsTo('POST /me/profile')).toHaveLength(4)
  })

  it('passes RATE_LIMITED through at once: no re-login, no retry', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'POST /me/profile': fail(429, 'RATE_LIMITED') })
    const session = await loggedIn()

    const error = await session.withSession(produceAndPost).catch((e) => e)

    expect(error).toMatchObject({ code: 'RATE_LIMITED' })
    expect(messageFor(error)).toBe('操作太频繁，请稍后再试')
    expect(login).not.toHaveBeenCalled()
    expect(requestsTo('POST /me/profile')).toHaveLength(1)
  })

  it('on a retry answered RATE_LIMITED (the server cut the user off), stops there', async () => {
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2')],
      'POST /me/profile': [fail(409, 'SESSION_KEY_STALE'), fail(429, 'RATE_LIMITED')]
    })
    const session = await loggedIn()

    await expect(session.withSession(produceAndPost)).rejects.toMatchObject({ code: 'RATE_LIMITED' })

    expect(login).toHaveBeenCalledTimes(1)
    expect(requestsTo('POST /me/profile')).toHaveLength(2)
  })

  it('passes other errors through without logging in again', async () => {
    fakeApi({ 'POST /auth/login': aLogin(aUser()), 'POST /me/profile': fail(400, 'PAYLOAD_CORRUPTED') })
    const session = await loggedIn()

    await expect(session.withSession(produceAndPost)).rejects.toMatchObject({ code: 'PAYLOAD_CORRUPTED' })
    expect(login).not.toHaveBeenCalled()
  })
})
