import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../test/create-app.js';

const H5 = 'https://h5.preview.example';

describe('CORS: only the configured H5 preview origins', () => {
  let running: RunningApp;
  let closed: RunningApp;

  beforeAll(async () => {
    running = await startApp({ CORS_ORIGINS: H5 });
    closed = await startApp({ NODE_ENV: 'test' });
  });
  afterAll(async () => {
    await running.close();
    await closed.close();
  });

  const preflight = (app: RunningApp, origin: string, headers = 'authorization,content-type') =>
    fetch(`${app.baseUrl}/me/profile`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
    });

  it('lets the listed origin call session routes with a bearer token and JSON', async () => {
    const response = await preflight(running, H5);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(H5);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const get = await fetch(`${running.baseUrl}/health`, { headers: { origin: H5 } });
    expect(get.headers.get('access-control-allow-origin')).toBe(H5);
    expect(get.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('gives any other origin no grant, so its browser refuses to read the answer', async () => {
    const response = await preflight(running, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${running.baseUrl}/health`, { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never lets a browser send the admin key', async () => {
    const response = await preflight(running, H5, 'x-admin-key,content-type');
    expect(response.headers.get('access-control-allow-headers') ?? '').not.toMatch(/x-admin-key/);
  });

  it('refuses a malformed preflight (no Access-Control-Request-Method) with 400 in the error envelope', async () => {
    const response = await fetch(`${running.baseUrl}/me/profile`, { method: 'OPTIONS', headers: { origin: H5 } });
    expect(response.status).toBe(400);
    const envelope = ZErrorEnvelope.parse(await response.json());
    expect(envelope.error).toMatchObject({ code: 'VALIDATION_FAILED', requestId: response.headers.get('x-request-id') });
    expect(JSON.stringify(envelope.error.details)).toContain('access-control-request-method');
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('grants nothing when no origin is configured outside development', async () => {
    const response = await preflight(closed, H5);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
