import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';

const LIMIT = 3;
let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterAll(() => running.close());

const login = (headers: Record<string, string> = {}) =>
  fetch(`${running.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ anonymousCode: 'never-issued' }),
  });

describe('login rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the limit per client address, and leaves other routes alone', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await login()).status).toBe(400);

    const limited = await login();
    expect(limited.status).toBe(429);
    expect(ZErrorEnvelope.parse(await limited.json()).error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // A forwarded-for header is not trusted: it cannot buy a fresh bucket.
    expect((await login({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await fetch(`${running.baseUrl}/health`)).status).toBe(200);
    const logout = await fetch(`${running.baseUrl}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(logout.status).toBe(401);
  });
});

describe('login rate limit behind a trusted proxy (TRUST_PROXY)', () => {
  let proxied: RunningApp;
  beforeAll(async () => {
    // The test client connects from 127.0.0.1: it plays the proxy.
    proxied = await startApp({ LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => proxied.close());

  const loginAs = (clientIp: string) =>
    fetch(`${proxied.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp },
      body: JSON.stringify({ anonymousCode: 'never-issued' }),
    });

  it('counts each forwarded client address on its own', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await loginAs('203.0.113.10')).status).toBe(400);
    expect((await loginAs('203.0.113.10')).status).toBe(429);
    // Another client behind the same proxy still has its whole allowance.
    expect((await loginAs('203.0.113.11')).status).toBe(400);
  });
});
