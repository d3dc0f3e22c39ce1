import { ZAddress, ZAddressIdParams, ZAddressList, ZAddressRequest } from '../addresses.js';
import type { RouteContract } from '../route.js';

/** 200 with the stored address, new or the existing duplicate: saving is idempotent. */
export const save = {
  method: 'POST',
  path: '/me/addresses',
  auth: 'user',
  summary: 'Save an address (the result of tt.chooseAddress)',
  body: ZAddressRequest,
  response: ZAddress,
  status: 200,
  errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED', 'ADDRESS_LIMIT_REACHED'],
} as const satisfies RouteContract;

export const list = {
  method: 'GET',
  path: '/me/addresses',
  auth: 'user',
  summary: "The calling user's addresses, newest first",
  response: ZAddressList,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;

export const remove = {
  method: 'DELETE',
  path: '/me/addresses/:id',
  auth: 'user',
  summary: 'Delete an address of the calling user',
  params: ZAddressIdParams,
  status: 204,
  errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED', 'NOT_FOUND'],
} as const satisfies RouteContract;
