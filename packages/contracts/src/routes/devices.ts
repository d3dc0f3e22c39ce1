import { MAX_DEVICES_PER_USER, ZDevice, ZDeviceList, ZDeviceRequest } from '../devices.js';
import type { RouteContract } from '../route.js';

/**
 * 200 whether the device is new or known: the client does the same thing either way. A user
 * keeps at most MAX_DEVICES_PER_USER devices; a new one beyond that replaces the least
 * recently seen.
 */
export const report = {
  method: 'POST',
  path: '/me/devices',
  auth: 'user',
  summary: `Report this device (the result of tt.getSystemInfo); the user keeps the ${MAX_DEVICES_PER_USER} most recently seen`,
  body: ZDeviceRequest,
  response: ZDevice,
  status: 200,
  errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED'],
} as const satisfies RouteContract;

export const list = {
  method: 'GET',
  path: '/me/devices',
  auth: 'user',
  summary: "The calling user's devices, most recently seen first",
  response: ZDeviceList,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;
