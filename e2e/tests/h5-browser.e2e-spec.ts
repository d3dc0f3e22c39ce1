import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPhoneBrowser, recordPageEvents } from '../src/browser.js';
import { stackClient } from '../src/stack-client.js';
import { OUTPUT_DIR, REPO_ROOT } from '../src/stack/paths.js';

/**
 * The H5 preview (the same app built with `taro build --type h5`, its platform calls served by
 * the emulator's tt) in headless Chromium against the real API: the journey by clicks, with a
 * screenshot of every page. `pnpm --filter @douyin-kit/e2e screenshots` also copies them to
 * docs/screenshots for the README.
 */

const PHONE = '13712345678';
const SHOTS = join(OUTPUT_DIR, 'screenshots');
const README_SHOTS = join(REPO_ROOT, 'docs/screenshots');

const client = stackClient();
let browser: Awaited<ReturnType<typeof openPhoneBrowser>>;
let page: Page;
let douyinUser: { id: string; openid: string };
let pageEvents: string[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  douyinUser = await client.createUser({ nickname: '小明', phone: PHONE, city: '上海' });
  browser = await openPhoneBrowser();
  page = await browser.context.newPage();
  pageEvents = recordPageEvents(page);
  // The preview plays this emulator user (see apps/miniapp/src/platform/h5-preview.ts).
  await page.addInitScript((userId) => window.localStorage.setItem('douyin-kit:preview-user', userId), douyinUser.id);
});
afterAll(async () => {
  await browser?.close();
  await client.close();
});

const userRow = async () =>
  (
    await client.sql<{ id: string; nickname: string | null; phone_masked: string | null; phone_updated_at: Date }>(
      'SELECT id, nickname, phone_masked, phone_updated_at FROM users WHERE app_id = $1 AND open_id = $2',
      [client.stack.appId, douyinUser.openid],
    )
  )[0];

// Taro's H5 router keeps the pages below the current one in the DOM, hidden: only visible text
// is on screen. (Its components are custom elements, e.g. <taro-button-core>.)
const visible = (text: string, exact: boolean) => page.getByText(text, { exact }).filter({ visible: true }).first();
const shows = (text: string) => explained(visible(text, false).waitFor({ state: 'visible', timeout: 20_000 }));
const click = (text: string) => explained(visible(text, true).click());

/** A step that fails says what the page saw (its errors, failed requests, visible text). */
async function explained(step: Promise<void>): Promise<void> {
  try {
    await step;
  } catch (error) {
    const text = await page
      .locator('body')
      .innerText({ timeout: 5_000 })
      .catch((e: Error) => `(none: ${e.message})`);
    (error as Error).message +=
      `\n[h5] at ${page.url()}; page events: ${pageEvents.slice(-12).join(' | ') || 'none'}` +
      `\n[h5] visible text: ${text.replace(/\s+/g, ' ').slice(0, 400)}`;
    throw error;
  }
}

async function screenshot(name: string): Promise<void> {
  // Let the page's slide-in finish (a busy button's endless spinner aside), and a toast fade,
  // so the page itself is what the picture shows.
  await page.waitForFunction(
    () => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((toast) => {
        const style = getComputedStyle(toast);
        return style.display === 'none' || style.opacity === '0';
      }),
    undefined,
    { timeout: 10_000 },
  );
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(file, join(README_SHOTS, `${name}.png`));
  }
}

async function backHome(): Promise<void> {
  await page.goBack();
  await shows('抖音小程序工具包');
}

describe('the H5 preview in Chromium, by clicks', () => {
  it('home: logs in at launch and shows the logged-in state', async () => {
    const response = await page.goto(client.stack.h5Url);
    expect(response?.status(), "the H5 preview's index.html").toBe(200);
    await shows('已登录');
    await shows('正常');
    expect(await userRow()).toMatchObject({ nickname: null });
  });

  it('profile: the privacy popup; refused, a toast and nothing stored', async () => {
    await click('个人资料');
    await click('获取头像和昵称');
    // The dev app's users start without agreement: the kit's popup, the call waiting behind it.
    await shows('同意并继续');
    await shows('《小程序用户隐私保护指引》');
    await screenshot('2a-privacy-popup');
    await click('拒绝');
    await shows('你未同意隐私保护指引，无法使用此功能');
    expect(await visible('同意并继续', true).isVisible()).toBe(false);
    expect(await userRow()).toMatchObject({ nickname: null });
  });

  it('profile: the next tap asks again; agreed, the tap fetches, the API verifies and stores', async () => {
    await click('获取头像和昵称');
    await click('同意并继续');
    await shows('更新头像和昵称');
    await shows('小明');
    expect(await userRow()).toMatchObject({ nickname: '小明' });
    await screenshot('2-profile');
    await backHome();
  });

  it('phone: old flow then new flow', async () => {
    await click('手机号');
    await shows('尚未绑定');
    await page.evaluate(() => window.localStorage.setItem('douyin-kit:preview-phone-flow', 'encrypted'));
    await click('授权获取手机号');
    await shows('137****5678');
    const first = (await userRow())!;
    expect(first.phone_masked).toBe('137****5678');
    await page.evaluate(() => window.localStorage.setItem('douyin-kit:preview-phone-flow', 'code'));
    await click('更换手机号');
    // The first flow's toast may still be up: the row's timestamp tells the second one landed.
    await expect
      .poll(async () => (await userRow())!.phone_updated_at.getTime(), { timeout: 20_000 })
      .toBeGreaterThan(first.phone_updated_at.getTime());
    await screenshot('3-phone');
    await backHome();
  });

  it('device: reported and shown as stored', async () => {
    await click('设备信息');
    await click('上报本机信息');
    await shows('Emulator Douyin Emulator');
    const user = (await userRow())!;
    expect(await client.sql('SELECT brand, model FROM devices WHERE user_id = $1', [user.id])).toEqual([
      { brand: 'Emulator', model: 'Douyin Emulator' },
    ]);
    await screenshot('4-device');
    await backHome();
  });

  it('address & location: chosen, listed and located', async () => {
    await click('地址与位置');
    await shows('还没有保存地址');
    await click('从抖音选择收货地址');
    await shows('张三 13800000000');
    await click('获取当前位置');
    await shows('30.274150');
    const user = (await userRow())!;
    expect(await client.sql('SELECT user_name, detail_info FROM addresses WHERE user_id = $1', [user.id])).toEqual([
      { user_name: '张三', detail_info: '文三路 1 号' },
    ]);
    expect(await client.sql('SELECT count(*)::int AS n FROM locations WHERE user_id = $1', [user.id])).toEqual([{ n: 1 }]);
    await screenshot('5-address');
    await backHome();
  });

  it('subscribe: a long-term template accepted; an operator send lands in the inbox', async () => {
    await click('订阅消息');
    await shows('服务进度提醒');
    await click('服务进度提醒');
    await click('订阅所选（1）');
    await shows('已同意');
    const user = (await userRow())!;
    expect(await client.sql('SELECT template_id, status FROM subscription_consents WHERE user_id = $1', [user.id])).toEqual([
      { template_id: 'MSG_LONG_TERM_DEV', status: 'accept' },
    ]);
    const sent = await client.sendNotification(user.id, 'MSG_LONG_TERM_DEV', `h5-journey-${user.id}`);
    expect(sent.status).toBe('sent');
    expect(await client.inbox(douyinUser.openid)).toEqual([expect.objectContaining({ templateId: 'MSG_LONG_TERM_DEV' })]);
    await screenshot('6-subscribe');
    await backHome();
  });

  it('home after the journey: nickname and masked phone', async () => {
    await page.reload();
    await shows('小明');
    await shows('手机号：137****5678');
    await screenshot('1-home');
  });
});
