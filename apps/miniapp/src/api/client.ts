import Taro from '@tarojs/taro'
import {
  ZErrorEnvelope,
  type RouteBodyInput,
  type RouteContract,
  type RouteParamsInput,
  type RouteQueryInput,
  type RouteResponse
} from '@douyin-kit/contracts'
import { ApiError } from './api-error'
import { readToken } from './token-store'

// Inlined by Taro at build time (config/index.ts); the only env the bundle sees.
const API_BASE = process.env.TARO_APP_API_BASE

/** What a call of route `R` sends: exactly the parts its contract names, typed from it. */
export type RouteRequest<R extends RouteContract> = (R extends { body: unknown } ? { body: RouteBodyInput<R> } : { body?: never }) &
  (R extends { params: unknown } ? { params: RouteParamsInput<R> } : { params?: never }) &
  (R extends { query: unknown } ? { query: RouteQueryInput<R> } : { query?: never }) & { timeout?: number }

/** The request is optional for a route that takes nothing. */
type RequestArgs<R extends RouteContract> =
  Partial<RouteRequest<R>> extends RouteRequest<R> ? [request?: RouteRequest<R>] : [request: RouteRequest<R>]

/**
 * The one way the app talks to the API: calls a route of `@douyin-kit/contracts` (its method,
 * its path with the params filled in, the bearer token when it is a user route), and either
 * returns a body that matches the route's response schema or throws an `ApiError`.
 * Session handling (login, retry) is `session.ts`'s job.
 */
export async function apiRequest<R extends RouteContract>(route: R, ...[request]: RequestArgs<R>): Promise<RouteResponse<R>> {
  const { body, params, query, timeout = 10_000 } = (request ?? {}) as { body?: unknown; params?: object; query?: object; timeout?: number }
  const { method } = route
  const path = fillPath(route.path, params) + queryString(query)
  const header: Record<string, string> = { 'content-type': 'application/json' }
  const token = route.auth === 'user' ? readToken() : null
  if (token) header.authorization = `Bearer ${token}`

  let res: Taro.request.SuccessCallbackResult
  try {
    res = await Taro.request({ url: `${API_BASE}${path}`, method, data: body, header, timeout })
  } catch {
    throw new ApiError('NETWORK_FAILED', `${method} ${path}: no answer`, 0)
  }

  if (res.statusCode >= 200 && res.statusCode < 300) {
    // A route without a response schema (204) has nothing to return.
    if (!route.response) return undefined as RouteResponse<R>
    const parsed = route.response.safeParse(res.data)
    if (parsed.success) return parsed.data as RouteResponse<R>
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

/** `/me/addresses/:id` with `{ id }` → `/me/addresses/<id, URI-encoded>`. */
function fillPath(path: string, params: object = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(String((params as Record<string, unknown>)[name])))
}

/** `{ a: 1, b: undefined }` → `?a=1`; nothing for an empty query. */
function queryString(query: object = {}): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}
