import {
  ZDevice,
  ZDeviceList,
  ZPhoneResponse,
  ZUser,
  type TPhoneRequest,
  type TProfileRequest
} from '@douyin-kit/contracts'
import { apiRequest } from './client'

// The /me routes used by the pages; each returns the contract's shape or throws an ApiError.

export const getMe = () => apiRequest('GET', '/me', ZUser)

export const postProfile = (body: TProfileRequest) => apiRequest('POST', '/me/profile', ZUser, { body })

export const postPhone = (body: TPhoneRequest) => apiRequest('POST', '/me/phone', ZPhoneResponse, { body })

/** The body is getSystemInfo's result as the host returned it; the server validates it. */
export const postDevice = (body: Record<string, unknown>) => apiRequest('POST', '/me/devices', ZDevice, { body })

export const listDevices = () => apiRequest('GET', '/me/devices', ZDeviceList)
