import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
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

/**
 * The emulator's users have avatar URLs on Douyin's CDN, which this machine cannot reach: the
 * browser gets this picture for them instead, so the pages show an avatar image as on a phone.
 */
const DOUYIN_CDN = /^https:\/\/[a-z0-9-]+\.douyinpic\.com\//;
const AVATAR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" fill="#ffd6de"/>' +
  '<circle cx="48" cy="38" r="18" fill="#fe2c55"/><path d="M16 96c4-22 17-32 32-32s28 10 32 32z" fill="#fe2c55"/></svg>';

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
  await page.route(DOUYIN_CDN, (route) => route.fulfill({ contentType: 'image/svg+xml', body: AVATAR_SVG }));
  // The preview plays this emulator user (see apps/miniapp/src/platform/h5-preview.ts).
  await page.addInitScript((userId) => window.localStorage.setItem('douyin-kit:preview-user', userId), douyinUser.id);
});
// A clean walk logs no console error or warning and no request fails; each step checks it.
afterEach(() => {
  const events = pageEvents.splice(0);
  expect(events, 'console errors or failed requests').toEqual([]);
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
// A button's label is a <Text> inside it (ActionButton): the tap goes to the button.
const click = (text: string) => {
  const label = page.getByText(text, { exact: true });
  const target = page.locator('taro-button-core').filter({ has: label }).or(label);
  return explained(target.filter({ visible: true }).first().click());
};

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

/**
 * The newest page (`route`'s, when given: a click may take a moment to open it) has slid in and
 * nothing else moves but spinners. The newest, not any: the page it leaves stays in place until
 * the slide starts.
 */
const settled = (route?: string) =>
  page.waitForFunction(
    (route) => {
      const top = [...document.querySelectorAll<HTMLElement>('.page')].filter((el) => el.offsetParent !== null).at(-1);
      // Taro's H5 router puts each page in a container whose id is the page's path.
      if (!top || (route && !top.parentElement?.id.startsWith(`/pages/${route}/`))) return false;
      return (
        Math.abs(top.getBoundingClientRect().left) < 1 &&
        document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity)
      );
    },
    route,
    { timeout: 10_000 },
  );

async function screenshot(name: string): Promise<void> {
  // Let the page's slide-in finish and a toast fade, so the page itself is what the picture shows,
  // from its top (a click may have scrolled the window, which the preview's pages share).
  await settled();
  await page.evaluate(() => window.scrollTo(0, 0));
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

/** Back through the title bar the H5 preview draws (Taro's router; app.config.ts). */
async function backHome(): Promise<void> {
  await explained(page.locator('#taro-navigation-bar .taro-navigation-bar-back').click());
  await shows('抖音小程序工具包');
}

/** Nothing on `route`'s page is wider than the screen (long text wraps instead). */
async function fitsTheScreen(route: string): Promise<void> {
  await settled(route);
  const overflowing = await page.evaluate(() =>
    [
      ...([...document.querySelectorAll<HTMLElement>('.page')]
        .filter((el) => el.offsetParent !== null)
        .at(-1)
        ?.querySelectorAll<HTMLElement>('*') ?? []),
    ]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.innerText.slice(0, 40)}`),
  );
  expect(overflowing).toEqual([]);
}

describe('the H5 preview in Chromium, by clicks', () => {
  it('home: logs in at launch and shows the logged-in state', async () => {
    const response = await page.goto(client.stack.h5Url);
    expect(response?.status(), "the H5 preview's index.html").toBe(200);
    await shows('已登录');
    await shows('正常');
    // The title bar of the preview, with no back button on the home page.
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-title').innerText()).toBe('首页');
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-back').isVisible()).toBe(false);
    expect(await userRow()).toMatchObject({ nickname: null });
  });

  it('profile: the privacy popup; refused, a toast and nothing stored', async () => {
    await click('个人资料');
    await shows('尚未获取资料');
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-title').innerText()).toBe('个人资料');
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

  it('home after the journey: nickname, avatar image and masked phone', async () => {
    await page.reload();
    await shows('小明');
    await shows('手机号：137****5678');
    await explained(page.locator('.index__avatar img').waitFor({ state: 'visible' }));
    expect(await page.locator('.index__avatar img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await fitsTheScreen('index');
    await screenshot('1-home');
  });

  it('an avatar that cannot load falls back to the initial', async () => {
    const unreachable = (route: Route) => route.abort('namenotresolved');
    await page.route(DOUYIN_CDN, unreachable);
    await page.reload();
    await explained(page.locator('.index__avatar.avatar--initial').getByText('小', { exact: true }).waitFor({ state: 'visible' }));
    expect(await page.locator('.index__avatar img').count()).toBe(0);
    // This step's own failed request (and Chromium's console line for it), nothing else.
    const avatar = pageEvents.filter((event) => /douyinpic\.com/.test(event));
    expect(avatar.length).toBeGreaterThan(0);
    pageEvents.splice(0, pageEvents.length, ...pageEvents.filter((event) => !avatar.includes(event)));
    await page.unroute(DOUYIN_CDN, unreachable);
  });

  it('long text wraps: a very long nickname and address stay on the screen', async () => {
    const user = (await userRow())!;
    const long = 'Xiaoming_with_a_nickname_far_longer_than_any_screen_is_wide_1234567890';
    await client.sql('UPDATE users SET nickname = $1 WHERE id = $2', [long, user.id]);
    await client.sql('UPDATE addresses SET detail_info = $1 WHERE user_id = $2', [
      '文三路 1 号'.repeat(3) + 'Building_A_Unit_12_Room_1203_with_no_spaces_at_all',
      user.id,
    ]);
    await page.reload();
    await shows(long);
    await fitsTheScreen('index');
    await click('地址与位置');
    await shows('Building_A_Unit');
    await fitsTheScreen('address');
    await backHome();
    await click('个人资料');
    await shows(long);
    await fitsTheScreen('profile');
  });
});
