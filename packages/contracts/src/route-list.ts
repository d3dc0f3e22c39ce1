import type { RouteContract } from './route.js';
import * as routes from './routes/index.js';

const isRoute = (value: unknown): value is RouteContract =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RouteContract).method === 'string' &&
  typeof (value as RouteContract).path === 'string';

/**
 * Every route of the table, for checks that walk them all. Module namespaces compiled to
 * CommonJS also carry `default` and `__esModule`, hence the guard rather than two plain maps.
 */
export function listRoutes(): RouteContract[] {
  const found = new Set<RouteContract>();
  for (const group of Object.values(routes)) {
    if (typeof group !== 'object' || group === null) continue;
    for (const route of Object.values(group)) if (isRoute(route)) found.add(route);
  }
  return [...found];
}
