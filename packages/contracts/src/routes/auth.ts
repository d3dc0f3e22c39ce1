import { ZLoginRequest, ZLoginResponse, ZLogoutResponse } from '../auth.js';
import type { RouteContract } from '../route.js';

export const login = {
  method: 'POST',
  path: '/auth/login',
  auth: 'public',
  summary: 'Exchange the codes from tt.login for a session',
  body: ZLoginRequest,
  response: ZLoginResponse,
  status: 200,
  errors: [
    'VALIDATION_FAILED',
    'LOGIN_CODE_INVALID',
    'ANONYMOUS_CODE_INVALID',
    'RATE_LIMITED',
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_ERROR',
    'DATABASE_UNAVAILABLE',
  ],
} as const satisfies RouteContract;

export const logout = {
  method: 'POST',
  path: '/auth/logout',
  auth: 'user',
  summary: 'Revoke the calling session',
  response: ZLogoutResponse,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;
