import * as z from 'zod/mini';
import { ERROR_CODES, listRoutes, routes, ZUser, type RouteContract } from './index.js';

describe('the route table', () => {
  const all = listRoutes();

  it('lists every route once, each under its own method and path', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all).toContain(routes.me.phone);
    const keys = all.map((route) => `${route.method} ${route.path}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('names only known error codes, and a 2xx success status', () => {
    for (const route of all) {
      expect(
        route.errors.filter((code) => !(code in ERROR_CODES)),
        `${route.method} ${route.path}`,
      ).toEqual([]);
      expect([route.method, route.path, route.status >= 200 && route.status < 300]).toEqual([route.method, route.path, true]);
    }
  });

  it('declares exactly the path parameters of its path', () => {
    for (const route of all) {
      const inPath = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).sort();
      const declared = route.params ? Object.keys((route.params as z.ZodMiniObject).shape).sort() : [];
      expect([route.path, declared]).toEqual([route.path, inPath]);
    }
  });
});

describe('RouteContract (checked by typecheck)', () => {
  it('refuses an error code outside the table, a field it does not know and a method it does not know', () => {
    const route = {
      method: 'GET',
      path: '/me',
      auth: 'user',
      summary: 'The calling user',
      response: ZUser,
      status: 200,
      // @ts-expect-error: a misspelled error code does not compile.
      errors: ['UNAUTHENTICATD'],
    } as const satisfies RouteContract;
    const extra = {
      method: 'GET',
      path: '/me',
      auth: 'user',
      summary: 'The calling user',
      // @ts-expect-error: so does a misspelled field.
      respones: ZUser,
      status: 200,
      errors: [],
    } as const satisfies RouteContract;
    // @ts-expect-error: and an auth kind the API does not know.
    const auth = { method: 'GET', path: '/me', auth: 'session', summary: 's', status: 200, errors: [] } as const satisfies RouteContract;
    expect([route.errors, extra.status, auth.auth]).toEqual([['UNAUTHENTICATD'], 200, 'session']);
  });
});
