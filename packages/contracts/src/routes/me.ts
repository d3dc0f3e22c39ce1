import { ZUser } from '../auth.js';
import { ZPhoneRequest, ZPhoneResponse } from '../phone.js';
import { ZProfileRequest } from '../profile.js';
import type { RouteContract } from '../route.js';

/** What a route decrypting a tt payload with the session's key may answer. */
const SESSION_PAYLOAD_ERRORS = ['LOGIN_REQUIRED', 'SESSION_KEY_STALE', 'PAYLOAD_CORRUPTED', 'RATE_LIMITED'] as const;

export const get = {
  method: 'GET',
  path: '/me',
  auth: 'user',
  summary: 'The calling user',
  response: ZUser,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;

export const profile = {
  method: 'POST',
  path: '/me/profile',
  auth: 'user',
  summary: "Store the caller's tt.getUserProfile result (decrypted with the session's key)",
  body: ZProfileRequest,
  response: ZUser,
  status: 200,
  errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', ...SESSION_PAYLOAD_ERRORS],
} as const satisfies RouteContract;

export const phone = {
  method: 'POST',
  path: '/me/phone',
  auth: 'user',
  summary: "Store the caller's phone number from getPhoneNumber (old encryptedData/iv flow or new code flow)",
  body: ZPhoneRequest,
  response: ZPhoneResponse,
  status: 200,
  errors: [
    'VALIDATION_FAILED',
    'UNAUTHENTICATED',
    ...SESSION_PAYLOAD_ERRORS,
    'PHONE_CODE_INVALID',
    'PHONE_NUMBER_INVALID',
    'UPSTREAM_ERROR',
    'UPSTREAM_UNAVAILABLE',
    'NOT_READY',
  ],
} as const satisfies RouteContract;
