import Taro from '@tarojs/taro'
import { ZErrorEnvelope } from '@douyin-kit/contracts'
import { ApiError } from './api-error'
import { readToken } from './token-store'

// Inlined by Taro at build time (config/index.ts); the only env the bundle sees.
const API_BASE = process.env.TARO_APP_API_BASE

type Method = 'GET' | 'POST' | 'DELETE'

/** What the client needs of a contract schema (zod is the contracts' dependency, not ours). */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false }
}

interface RequestOptions {
  body?: unknown
  /** Send the stored bearer token (default). Off for /health and /auth/login. */
  auth?: boolean
  timeout?: number
}

/**
 * The one way the app talks to the API: adds the bearer token, and either returns a body that
 * matches `schema` or throws an `ApiError`. Session handling (login, retry) is `session.ts`'s job.
 */
export async function apiRequest<T>(
  method: Method,
  path: string,
  schema: Schema<T>,
  { body, auth = true, timeout = 10_000 }: RequestOptions = {}
): Promise<T> {
  const header: Record<string, string> = { 'content-type': 'application/json' }
  const token = auth ? readToken() : null
  if (token) header.authorization = `Bearer ${token}`

  let res: Taro.request.SuccessCallbackResult
  try {
    res = await Taro.request({ url: `${API_BASE}${path}`, method, data: body, header, timeout })
  } catch {
    throw new ApiError('NETWORK_FAILED', `${method} ${path}: no answer`, 0)
  }

  if (res.statusCode >= 200 && res.statusCode < 300) {
    const parsed = schema.safeParse(res.data)
    if (parsed.success) return parsed.data
    throw new ApiError('RESPONSE_INVALID', `${method} ${path}: body breaks the contract`, res.statusCode)
  }
  const envelope = ZErrorEnvelope.safeParse(res.data)
  if (envelope.success) {
    const { code, message, requestId, details } = envelope.data.error
    throw new ApiError(code, message, res.statusCode, requestId, details)
  }
  // A proxy or a crash page, not our API: keep the status for the logs, not for the user.
  throw new ApiError(res.statusCode >= 500 ? 'INTERNAL' : 'RESPONSE_INVALID', `${method} ${path}: HTTP ${res.statusCode}`, res.statusCode)
}
