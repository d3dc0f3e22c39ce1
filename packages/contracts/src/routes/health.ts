import { ZHealthResponse, ZReadyResponse } from '../health.js';
import type { RouteContract } from '../route.js';

/** Liveness: the process answers. Never touches the database, so a DB outage never restarts it. */
export const live = {
  method: 'GET',
  path: '/health',
  auth: 'public',
  summary: 'Liveness',
  response: ZHealthResponse,
  status: 200,
  errors: [],
} as const satisfies RouteContract;

/** Readiness: the database answers and migrations are applied; 503 NOT_READY otherwise. */
export const ready = {
  method: 'GET',
  path: '/ready',
  auth: 'public',
  summary: 'Readiness',
  response: ZReadyResponse,
  status: 200,
  errors: ['NOT_READY'],
} as const satisfies RouteContract;
