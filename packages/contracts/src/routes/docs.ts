import { ZDocsAssetParams } from '../docs.js';
import type { RouteContract } from '../route.js';

// The API's own documentation: HTML, the OpenAPI document and Swagger UI's files, no JSON shapes.

export const page = {
  method: 'GET',
  path: '/docs',
  auth: 'public',
  summary: 'API documentation (Swagger UI)',
  status: 200,
  errors: [],
} as const satisfies RouteContract;

export const openApi = {
  method: 'GET',
  path: '/docs/openapi.json',
  auth: 'public',
  summary: 'The OpenAPI 3.1 document of this API',
  status: 200,
  errors: [],
} as const satisfies RouteContract;

export const asset = {
  method: 'GET',
  path: '/docs/assets/:file',
  auth: 'public',
  summary: 'Swagger UI files',
  params: ZDocsAssetParams,
  status: 200,
  errors: ['VALIDATION_FAILED'],
} as const satisfies RouteContract;
