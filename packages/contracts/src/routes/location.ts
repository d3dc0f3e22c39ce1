import { ZLastLocation, ZLocation, ZLocationRequest } from '../location.js';
import type { RouteContract } from '../route.js';

export const record = {
  method: 'POST',
  path: '/me/location',
  auth: 'user',
  summary: 'Record the last known location (the result of tt.getLocation, gcj02)',
  body: ZLocationRequest,
  response: ZLocation,
  status: 200,
  errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED'],
} as const satisfies RouteContract;

export const find = {
  method: 'GET',
  path: '/me/location',
  auth: 'user',
  // A first visit is an empty state, not an error: `{location: null}`.
  summary: "The calling user's last known location (null before the first)",
  response: ZLastLocation,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;
