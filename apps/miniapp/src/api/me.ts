import { routes, type RouteBodyInput, type TLocation } from '@douyin-kit/contracts'
import { apiRequest } from './client'

// The routes the pages call; each returns the contract's response or throws an ApiError.

export const getMe = () => apiRequest(routes.me.get)

export const postProfile = (body: RouteBodyInput<typeof routes.me.profile>) => apiRequest(routes.me.profile, { body })

export const postPhone = (body: RouteBodyInput<typeof routes.me.phone>) => apiRequest(routes.me.phone, { body })

/** The body is getSystemInfo's result as the host returned it; the server validates it. */
export const postDevice = (body: RouteBodyInput<typeof routes.devices.report>) => apiRequest(routes.devices.report, { body })

export const listDevices = () => apiRequest(routes.devices.list)

/** The body is chooseAddress's result as is. A duplicate answers with the address already stored. */
export const postAddress = (body: RouteBodyInput<typeof routes.addresses.save>) => apiRequest(routes.addresses.save, { body })

/** Newest first. */
export const listAddresses = () => apiRequest(routes.addresses.list)

export const deleteAddress = (id: string) => apiRequest(routes.addresses.remove, { params: { id } })

/** The body is getLocation({type: 'gcj02'})'s result as is. */
export const postLocation = (body: RouteBodyInput<typeof routes.location.record>) => apiRequest(routes.location.record, { body })

/** The last stored location, or null when none was ever posted (an empty state, not an error). */
export async function getLocation(): Promise<TLocation | null> {
  return (await apiRequest(routes.location.find)).location
}

export const listTemplates = () => apiRequest(routes.subscriptions.templates)

/**
 * `result` is requestSubscribeMessage's result as the host returned it; the server validates it.
 * Answers with the states of the posted templates; a retried `requestId` grants nothing twice.
 */
export const postSubscriptions = (body: RouteBodyInput<typeof routes.subscriptions.record>) =>
  apiRequest(routes.subscriptions.record, { body })

export const listSubscriptions = () => apiRequest(routes.subscriptions.list)
