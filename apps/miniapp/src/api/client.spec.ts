import Taro from '@tarojs/taro'
import { ZUser } from '@douyin-kit/contracts'
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

    await expect(apiRequest('GET', '/me', ZUser)).resolves.toEqual(user)
    expect(requestsTo('GET /me')[0]!.header.authorization).toBe('Bearer abc')
  })

  it("turns the error envelope into an ApiError with the contract's code", async () => {
    fakeApi({ 'GET /me': fail(401, 'UNAUTHENTICATED') })

    await expect(apiRequest('GET', '/me', ZUser)).rejects.toMatchObject({
      name: 'ApiError',
      code: 'UNAUTHENTICATED',
      status: 401,
      requestId: 'req-test'
    })
  })

  it('rejects a body that breaks the contract, and a request that got no answer', async () => {
    fakeApi({ 'GET /me': ok({ id: 'nope' }) })
    await expect(apiRequest('GET', '/me', ZUser)).rejects.toMatchObject({ code: 'RESPONSE_INVALID' })

    jest.mocked(Taro.request).mockRejectedValue({ errMsg: 'request:fail timeout' })
    await expect(apiRequest('GET', '/me', ZUser)).rejects.toMatchObject({ code: 'NETWORK_FAILED', status: 0 })
  })
})
