import Taro from '@tarojs/taro'
import type { TUser } from '@douyin-kit/contracts'

interface Reply {
  status: number
  body: unknown
}

export const ok = (body: unknown): Reply => ({ status: 200, body })
export const fail = (status: number, code: string): Reply => ({
  status,
  body: { error: { code, message: `test ${code}`, requestId: 'req-test' } }
})

/**
 * Answers Taro.request by `METHOD /path`. A list is replied in order, its last reply repeating;
 * an unknown route fails like a network error, so a test sees calls it did not expect.
 */
export function fakeApi(routes: Record<string, Reply | Reply[]>) {
  const queues = new Map(Object.entries(routes).map(([key, r]) => [key, Array.isArray(r) ? [...r] : [r]]))
  jest.mocked(Taro.request).mockImplementation((async ({ url, method }: { url: string; method: string }) => {
    const key = `${method} ${url.replace(process.env.TARO_APP_API_BASE, '')}`
    const queue = queues.get(key)
    if (!queue?.length) throw { errMsg: `request:fail no fake for ${key}` }
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!
    return { statusCode: reply.status, data: reply.body, header: {}, cookies: [], errMsg: 'request:ok' }
  }) as never)
}

/** The requests made to one route, in order. */
export function requestsTo(key: string): Array<{ data?: unknown; header: Record<string, string> }> {
  return jest
    .mocked(Taro.request)
    .mock.calls.map(([options]) => options as { url: string; method: string; data?: unknown; header: Record<string, string> })
    .filter((o) => `${o.method} ${o.url.replace(process.env.TARO_APP_API_BASE, '')}` === key)
}

let userSeq = 0

export function aUser(overrides: Partial<TUser> = {}): TUser {
  userSeq += 1
  return {
    id: `00000000-0000-4000-8000-${String(userSeq).padStart(12, '0')}`,
    isAnonymous: false,
    nickname: null,
    avatarUrl: null,
    gender: null,
    country: null,
    province: null,
    city: null,
    phoneMasked: null,
    createdAt: '2026-11-21T00:00:00.000Z',
    ...overrides
  }
}

export function aLogin(user: TUser, token = 'token-1') {
  return ok({ token, expiresAt: '2026-12-21T00:00:00.000Z', user })
}

export function ttLoginSucceeds(code = 'login-code') {
  jest.mocked(Taro.login).mockResolvedValue({ errMsg: 'login:ok', code, anonymousCode: 'anon-code', isLogin: true })
}
