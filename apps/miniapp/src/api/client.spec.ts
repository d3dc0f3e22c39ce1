import Taro from '@tarojs/taro'
import { routes, ZAddressIdParams, type RouteContract } from '@douyin-kit/contracts'
import { clearStorage } from '../../test/mocks/taro'
import { aUser, fail, fakeApi, ok, requestsTo } from '../../test/fake-api'
import { apiRequest } from './client'
import { writeToken } from './token-store'

beforeEach(() => clearStorage())

describe('apiRequest', () => {
  it('sends the stored bearer token and returns the parsed body', async () => {
    const user = aUser()
    writeToken('abc')
    fakeApi({ 'GET /me': ok(user) })

    await expect(apiRequest(routes.me.get)).resolves.toEqual(user)
    expect(requestsTo('GET /me')[0]!.header.authorization).toBe('Bearer abc')
  })

  it("turns the error envelope into an ApiError with the contract's code", async () => {
    fakeApi({ 'GET /me': fail(401, 'UNAUTHENTICATED') })

    await expect(apiRequest(routes.me.get)).rejects.toMatchObject({
      name: 'ApiError',
      code: 'UNAUTHENTICATED',
      status: 401,
      requestId: 'req-test'
    })
  })

  it('rejects a body that breaks the contract, and a request that got no answer', async () => {
    fakeApi({ 'GET /me': ok({ id: 'nope' }) })
    await expect(apiRequest(routes.me.get)).rejects.toMatchObject({ code: 'RESPONSE_INVALID' })

    jest.mocked(Taro.request).mockRejectedValue({ errMsg: 'request:fail timeout' })
    await expect(apiRequest(routes.me.get)).rejects.toMatchObject({ code: 'NETWORK_FAILED', status: 0 })
  })

  it("fills the route's path parameters, URI-encoded, and parses nothing from a 204", async () => {
    writeToken('abc')
    fakeApi({ 'DELETE /me/addresses/a%2Fb%20c': { status: 204, body: '' } })

    await expect(apiRequest(routes.addresses.remove, { params: { id: 'a/b c' } })).resolves.toBeUndefined()
    expect(requestsTo('DELETE /me/addresses/a%2Fb%20c')[0]!.header.authorization).toBe('Bearer abc')
  })

  it('sends no token to a public route, and the query its contract names', async () => {
    writeToken('abc')
    const withQuery = { ...routes.health.live, query: ZAddressIdParams } as const satisfies RouteContract
    fakeApi({ 'GET /health?id=x%26y': ok({ status: 'ok', uptimeSeconds: 1 }) })

    await expect(apiRequest(withQuery, { query: { id: 'x&y' } })).resolves.toEqual({ status: 'ok', uptimeSeconds: 1 })
    expect(requestsTo('GET /health?id=x%26y')[0]!.header.authorization).toBeUndefined()
  })

  it('takes only the body, params and query of its route (checked by typecheck)', () => {
    const calls = () => [
      // @ts-expect-error: POST /me/phone takes a phone body, not a location.
      apiRequest(routes.me.phone, { body: { latitude: 0, longitude: 0 } }),
      // @ts-expect-error: DELETE /me/addresses/:id needs its id.
      apiRequest(routes.addresses.remove),
      // @ts-expect-error: GET /me takes no body.
      apiRequest(routes.me.get, { body: {} })
    ]
    expect(Taro.request).not.toHaveBeenCalled()
    expect(calls).toBeInstanceOf(Function)
  })
})
