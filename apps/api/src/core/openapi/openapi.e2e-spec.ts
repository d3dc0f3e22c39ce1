import { listRoutes } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { RouteDiscovery } from './route-discovery.js';
import { toOpenApiPath } from './openapi.document.js';

type Operation = { security?: unknown; requestBody?: any; responses: Record<string, any>; parameters?: { name: string; in: string }[] };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

let running: RunningApp;
const registered: { method: string; url: string }[] = [];
let doc: Doc;
beforeAll(async () => {
  running = await startApp(
    {},
    {
      beforeInit: (app) =>
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) registered.push({ method, url: route.url });
          }),
    },
  );
  const response = await fetch(`${running.baseUrl}/docs/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
});
afterAll(() => running.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe('GET /docs/openapi.json', () => {
  it('lists exactly the routes the router serves', () => {
    // Fastify adds a HEAD route next to every GET on its own.
    const served = registered.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
    const documented = operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(documented.sort()).toEqual([...new Set(served)].sort());
    expect(documented).toContain('POST /auth/login');
  });

  it('serves every route of the contracts table, each from one handler bound to it with @Route', () => {
    const served = running.app.get(RouteDiscovery).routes();
    const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
    expect(served.filter((route) => !route.contract || key(route.contract) !== key(route)).map(key), 'handlers without their route').toEqual([]);
    expect(served.map(key).sort()).toEqual(listRoutes().map(key).sort());
  });

  it('is structurally sound: responses everywhere, path parameters declared, every $ref resolves', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const { path, method, op } of operations()) {
      expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        expect(
          op.parameters?.some((p) => p.in === 'path' && p.name === name),
          `${method} ${path} {${name}}`,
        ).toBe(true);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty([ref]);
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it('marks every session route with bearer security, admin routes with the admin key, public ones with none', () => {
    for (const route of running.app.get(RouteDiscovery).routes()) {
      const op = doc.paths[toOpenApiPath(route.path)]![route.method.toLowerCase()]!;
      const auth = route.contract?.auth;
      const expected = auth === 'public' ? undefined : [{ [auth === 'admin' ? 'adminKey' : 'session']: [] }];
      expect(op.security, `${route.method} ${route.path}`).toEqual(expected);
      if (expected) expect(op.responses['401'], `${route.method} ${route.path}`).toBeDefined();
    }
  });

  it('describes POST /auth/login: a body that needs code or anonymousCode, and its errors by status', () => {
    const login = doc.paths['/auth/login']!.post!;
    const schema = login.requestBody.content['application/json'].schema;
    expect(login.requestBody.required).toBe(true);
    expect(schema.properties).toHaveProperty('code');
    expect(schema.anyOf).toEqual([{ required: ['code'] }, { required: ['anonymousCode'] }]);
    expect(login.security).toBeUndefined();
    expect(login.responses['200'].content['application/json'].schema.properties).toHaveProperty('token');
    const errorCodes = (status: string) => login.responses[status].content['application/json'].schema.properties.error.properties.code.enum;
    expect(errorCodes('400')).toEqual(['VALIDATION_FAILED', 'LOGIN_CODE_INVALID', 'ANONYMOUS_CODE_INVALID']);
    expect(errorCodes('429')).toEqual(['RATE_LIMITED']);
    expect(login.responses['429'].headers).toHaveProperty('Retry-After');
  });
});

describe('global errors in the OpenAPI document', () => {
  it('lists the stalled-database and overload answers (503, Retry-After) on every route but liveness', () => {
    const me = doc.paths['/me']!.get!;
    expect(me.responses['503'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining(['DATABASE_UNAVAILABLE', 'SERVER_BUSY']),
    );
    expect(me.responses['503'].headers).toHaveProperty('Retry-After');
    // Readiness reports a stalled database as NOT_READY itself.
    expect([...doc.paths['/ready']!.get!.responses['503'].content['application/json'].schema.properties.error.properties.code.enum].sort()).toEqual([
      'NOT_READY',
      'SERVER_BUSY',
    ]);
    expect(doc.paths['/health']!.get!.responses['503']).toBeUndefined();
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI and its files without a session and without the internet', async () => {
    const page = await fetch(`${running.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/docs/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);

    const bundle = await fetch(`${running.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);

    const outside = await fetch(`${running.baseUrl}/docs/assets/package.json`);
    expect(outside.status).toBe(400);
  });
});
