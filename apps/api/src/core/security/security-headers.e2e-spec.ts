import { createHash, randomBytes } from 'node:crypto';
import { extraApps, startApp, type RunningApp } from '../../../test/create-app.js';

let running: RunningApp;
const others = extraApps();
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await others.closeAll();
  await running.close();
});

/** CSP header → { directive: [sources] }. */
function cspOf(response: Response): Record<string, string[]> {
  const header = response.headers.get('content-security-policy');
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const DENY_ALL = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] };

describe('security headers on JSON answers', () => {
  it('sends nosniff, frame DENY, no referrer and a deny-all CSP, on success and on errors alike', async () => {
    // The last one is answered by Fastify's router before any hook (errors/framework-errors.ts).
    for (const path of ['/health', '/no-such-route', '/docs/openapi.json', '/me/addresses/%E0%A4%A']) {
      const response = await fetch(`${running.baseUrl}${path}`);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(cspOf(response), path).toEqual(DENY_ALL);
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('leaves HSTS out outside production (plain HTTP on 127.0.0.1) and sends it in production', async () => {
    expect((await fetch(`${running.baseUrl}/health`)).headers.get('strict-transport-security')).toBeNull();

    const production = await others.start({
      NODE_ENV: 'production',
      DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      PHONE_HASH_KEY: randomBytes(32).toString('base64'),
      ADMIN_API_KEY: randomBytes(24).toString('hex'),
      DOUYIN_APPS_BASE_URL: 'https://developer.toutiao.invalid',
      DOUYIN_OPEN_BASE_URL: 'https://open.douyin.invalid',
    });
    const response = await fetch(`${production.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('the Swagger UI page keeps working under its own CSP', () => {
  it('allows exactly its own scripts (files and its one inline script, by hash), styles, images and fetches', async () => {
    const page = await fetch(`${running.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    const csp = cspOf(page);

    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`;
    expect(csp).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'", hash],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });

    // Every file the page loads is same-origin ('self') and is served with its type.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const expectedTypes: Record<string, RegExp> = {
      '.js': /^text\/javascript/,
      '.css': /^text\/css/,
      '.png': /^image\/png/,
      '.json': /^application\/json/,
    };
    expect(assets.sort()).toEqual([
      '/docs/assets/favicon-32x32.png',
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui.css',
      '/docs/openapi.json',
    ]);
    for (const asset of assets) {
      const response = await fetch(`${running.baseUrl}${asset}`);
      expect([asset, response.status]).toEqual([asset, 200]);
      const type = expectedTypes[asset.slice(asset.lastIndexOf('.'))]!;
      expect(response.headers.get('content-type'), asset).toMatch(type);
      expect(response.headers.get('x-content-type-options'), asset).toBe('nosniff');
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    // The document the init script fetches (connect-src 'self').
    expect(inline[0]).toContain("url: '/docs/openapi.json'");
  });
});
