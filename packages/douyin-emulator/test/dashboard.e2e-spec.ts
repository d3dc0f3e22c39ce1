import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin } from '../src/admin/index.js';
import { DEFAULT_DEV_SEED, deriveOpenid, startEmulator, type RunningEmulator } from '../src/index.js';

// The dashboard walked in Debian's Chromium (never a downloaded browser), as a developer would:
// it must show the seed, change state through its buttons, and stay free of console errors
// and failed requests. UPDATE_SCREENSHOTS=1 rewrites the README's screenshots.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '../docs/screenshots');
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const APP = DEFAULT_DEV_SEED.apps![0]!;
const APPID = APP.appid!;

let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let receiver: Server;
let browser: BrowserContext;
let profile: string;
let page: Page;
const events: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ rsaModulusLength: 1024, seed: DEFAULT_DEV_SEED });
  admin = new EmulatorAdmin(emulator.url);
  // A webhook receiver that accepts everything, so subscribe decisions show up as deliveries.
  receiver = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as { port: number };
  await admin.setWebhook(APPID, `http://127.0.0.1:${port}/douyin/webhook`, { verify: false });

  profile = mkdtempSync(join(tmpdir(), 'douyin-emulator-chromium-'));
  // A fresh profile per run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') events.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => events.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => events.push(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) events.push(`response ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  await new Promise((resolve) => receiver?.close(resolve));
  await emulator?.close();
});

const userRow = (id: string) => page.locator(`#user-${id}`);

/** The whole page, or one section of it (a CSS selector). */
async function screenshot(name: string, selector?: string): Promise<void> {
  if (!UPDATE_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await (selector ? page.locator(selector).screenshot({ path }) : page.screenshot({ path, fullPage: true }));
}

describe('the dashboard at /__emulator/ui', () => {
  it('is served from the package with a strict CSP, and nothing else is', async () => {
    const response = await fetch(`${emulator.url}/__emulator/ui`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    for (const probe of ['/__emulator/ui/package.json', '/__emulator/ui/..%2Fpackage.json', '/__emulator/ui/index.html']) {
      expect((await fetch(`${emulator.url}${probe}`)).status).toBe(404);
    }
  });

  it('shows the seed app, its users and templates', async () => {
    // A token already issued: the page shows it masked, never whole.
    const issued = await fetch(`${emulator.url}/api/apps/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: APPID, secret: APP.secret, grant_type: 'client_credential' }),
    }).then((res) => res.json() as Promise<{ data: { access_token: string } }>);
    const token = issued.data.access_token;

    await page.goto(`${emulator.url}/__emulator/ui`);
    await expect.poll(() => page.locator('#app-select').inputValue()).toBe(APPID);
    await page.locator('#user-u_alice').waitFor();
    expect(await userRow('u_alice').innerText()).toContain('小林');
    expect(await userRow('u_alice').innerText()).toContain(deriveOpenid(APPID, 'u_alice'));
    expect(await userRow('u_bob').innerText()).toContain('阿杰');
    expect(await page.locator('#templates').innerText()).toContain('订单发货通知');
    expect(await page.locator('#tokens').innerText()).toContain(`${token.slice(0, 4)}…${token.slice(-4)}`);
    const html = await page.content();
    expect(html).not.toContain(token);
    expect(html).not.toContain(APP.secret);
  });

  it('logs a user in, records the privacy agreement and subscribes, through its buttons', async () => {
    const alice = userRow('u_alice');
    expect(await alice.locator('.session').innerText()).toBe('no session');
    await alice.locator('[data-action=login]').click();
    await expect.poll(() => alice.locator('.session').innerText()).toBe('session active');
    expect((await admin.users(APPID)).find((u) => u.id === 'u_alice')?.hasSession).toBe(true);

    expect(await alice.locator('.privacy').innerText()).toBe('not agreed');
    await alice.locator('[data-action=privacy-agree]').click();
    await expect.poll(() => alice.locator('.privacy').innerText()).toBe('agreed');

    await alice.locator('[data-action=subscribe]').click();
    await expect.poll(() => page.locator('#subscriptions').innerText()).toContain('1 credit');
    expect(await page.locator('#subscriptions').innerText()).toContain('long-term');
    expect((await admin.subscriptions(APPID)).map((s) => s.templateId).sort()).toEqual(['MSG_LONG_TERM_DEV', 'MSG_ONE_TIME_DEV']);
    await expect.poll(() => page.locator('#webhooks').innerText()).toContain('user_subscribe_action');

    await userRow('u_bob').locator('[data-action=reject]').click();
    await expect.poll(() => page.locator('#status').innerText()).toContain('阿杰: MSG_ONE_TIME_DEV reject');

    // A message the app server sends shows up in the inbox.
    const { access_token } = (
      await fetch(`${emulator.url}/api/apps/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appid: APPID, secret: APP.secret, grant_type: 'client_credential' }),
      }).then((res) => res.json() as Promise<{ data: { access_token: string } }>)
    ).data;
    const sent = await fetch(`${emulator.url}/api/apps/subscribe_notification/developer/v1/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        access_token,
        app_id: APPID,
        tpl_id: 'MSG_ONE_TIME_DEV',
        open_id: deriveOpenid(APPID, 'u_alice'),
        data: { 订单号: 'DY20261207001', 状态: '已发货' },
      }),
    }).then((res) => res.json() as Promise<{ err_no: number }>);
    expect(sent.err_no).toBe(0);
    // No button was pressed: the page's own polling picks the message up.
    await expect.poll(() => page.locator('#inbox').innerText(), { timeout: 5000 }).toContain('已发货');
    await screenshot('dashboard');
  });

  it('adds and removes a fault rule', async () => {
    const form = page.locator('#fault-form');
    await form.locator('select[name=operation]').selectOption('jscode2session');
    await form.locator('input[name=errNo]').fill('40018');
    await form.locator('input[name=times]').fill('2');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#faults .fault-rule').count()).toBe(1);
    expect(await page.locator('#faults .fault-rule').innerText()).toMatch(/jscode2session\s+err_no 40018\s+100%\s+0 fired · 2 left/);
    const [rule] = await admin.faults();
    expect(rule).toMatchObject({ operation: 'jscode2session', errNo: 40018, remaining: 2 });
    await screenshot('dashboard-faults', '#faults');

    await page.locator('#faults [data-action=remove-fault]').click();
    await expect.poll(() => page.locator('#faults .fault-rule').count()).toBe(0);
    expect(await admin.faults()).toEqual([]);
  });

  it('advances the clock, and tokens expire on it', async () => {
    const before = await admin.clock();
    await page.locator('[data-advance="86400"]').click();
    await expect.poll(() => page.locator('#status').innerText()).toContain('Clock advanced by 1 d');
    expect((await admin.clock()).offsetMs - before.offsetMs).toBeGreaterThanOrEqual(86_400_000);
    await expect.poll(() => page.locator('#clock-offset').innerText()).toContain('+1 d');
    await expect.poll(() => page.locator('#tokens').innerText()).toContain('expired');
  });

  it('met no console error and no failed request on the way', () => {
    expect(events).toEqual([]);
  });
});
