import {
  ZAddress,
  ZAddressList,
  ZDevice,
  ZDeviceList,
  ZLocation,
  ZPhoneResponse,
  ZSubscriptionStateList,
  ZTemplateList,
  ZUser,
  type TAddressRequest,
  type TLocation,
  type TLocationRequest,
  type TPhoneRequest,
  type TProfileRequest,
  type TSubscriptionRequest
} from '@douyin-kit/contracts'
import { isApiError } from './api-error'
import { apiRequest, type Schema } from './client'

// The /me routes used by the pages; each returns the contract's shape or throws an ApiError.

/** A 204 answer: nothing to parse. */
const ZNoContent: Schema<void> = { safeParse: () => ({ success: true, data: undefined }) }

export const getMe = () => apiRequest('GET', '/me', ZUser)

export const postProfile = (body: TProfileRequest) => apiRequest('POST', '/me/profile', ZUser, { body })

export const postPhone = (body: TPhoneRequest) => apiRequest('POST', '/me/phone', ZPhoneResponse, { body })

/** The body is getSystemInfo's result as the host returned it; the server validates it. */
export const postDevice = (body: Record<string, unknown>) => apiRequest('POST', '/me/devices', ZDevice, { body })

export const listDevices = () => apiRequest('GET', '/me/devices', ZDeviceList)

/** The body is chooseAddress's result as is. A duplicate answers with the address already stored. */
export const postAddress = (body: TAddressRequest) => apiRequest('POST', '/me/addresses', ZAddress, { body })

/** Newest first. */
export const listAddresses = () => apiRequest('GET', '/me/addresses', ZAddressList)

export const deleteAddress = (id: string) => apiRequest('DELETE', `/me/addresses/${encodeURIComponent(id)}`, ZNoContent)

/** The body is getLocation({type: 'gcj02'})'s result as is. */
export const postLocation = (body: TLocationRequest) => apiRequest('POST', '/me/location', ZLocation, { body })

/** The last stored location, or null when none was ever posted (the API's 404 NOT_FOUND). */
export async function getLocation(): Promise<TLocation | null> {
  try {
    return await apiRequest('GET', '/me/location', ZLocation)
  } catch (error) {
    if (isApiError(error, 'NOT_FOUND')) return null
    throw error
  }
}

export const listTemplates = () => apiRequest('GET', '/templates', ZTemplateList)

/** `result` is requestSubscribeMessage's result as the host returned it; the server validates it. */
export type SubscriptionPost = Omit<TSubscriptionRequest, 'result'> & { result: Record<string, unknown> }

/** Answers with the states of the posted templates; a retried `requestId` grants nothing twice. */
export const postSubscriptions = (body: SubscriptionPost) =>
  apiRequest('POST', '/me/subscriptions', ZSubscriptionStateList, { body })

export const listSubscriptions = () => apiRequest('GET', '/me/subscriptions', ZSubscriptionStateList)
