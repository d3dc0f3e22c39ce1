import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTt } from '@douyin-kit/douyin-emulator/tt';
import { MiniProgram, type MiniPage } from '../src/mini/mini-program.js';
import { stackClient } from '../src/stack-client.js';
import { MINIAPP_DIR } from '../src/stack/paths.js';

/**
 * The compiled Douyin build (apps/miniapp/dist, exactly what DevTools opens) run in Node with
 * the emulator's `tt` as the host: every tap goes through Taro's event handler, every request
 * through tt.request to the real API, every tt.login to the emulator.
 */

// The API base the build baked in (the same default as config/index.ts). The test API listens
// on a free port instead, so the host maps that origin, as a DNS entry would.
const BAKED_API_BASE = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';
const PHONE = '13912345678';

const client = stackClient();
let mini: MiniProgram;
let douyinUser: { id: string; openid: string };

beforeAll(async () => {
  douyinUser = await client.createUser({ nickname: '小红', phone: PHONE, city: '杭州' });
  const tt = createTt({
    emulatorUrl: client.stack.emulatorUrl,
    appid: client.stack.appId,
    userId: douyinUser.id,
    fetch: (input, init) => fetch((input instanceof Request ? input.url : input.toString()).replace(BAKED_API_BASE, client.stack.apiUrl), init),
  });
  mini = new MiniProgram(join(MINIAPP_DIR, 'dist'), tt);
  mini.launch();
});
afterAll(() => client.close());

const userRow = async () =>
  (
    await client.sql<{ id: string; nickname: string | null; phone_masked: string | null; phone_updated_at: Date | null; city: string | null }>(
      'SELECT id, nickname, phone_masked, phone_updated_at, city FROM users WHERE app_id = $1 AND open_id = $2',
      [client.stack.appId, douyinUser.openid],
    )
  )[0];
const toasts = () => mini.tt.emulator.toasts.map((toast) => toast.title);

describe('the tt bundle, driven like a phone', () => {
  let home: MiniPage;

  it('launch: logs in silently and shows the logged-in state', async () => {
    home = mini.open('pages/index/index');
    await home.waitForText('已登录');
    await home.waitForText('正常');
    expect(home.text()).toContain('未设置昵称');
    expect(await userRow()).toMatchObject({ nickname: null, phone_masked: null });
  });

  it('home links open every page', () => {
    for (const title of ['个人资料', '手机号', '设备信息', '地址与位置', '订阅消息']) home.tap(title);
    expect(mini.navigations).toEqual([
      '/pages/profile/index',
      '/pages/phone/index',
      '/pages/device/index',
      '/pages/address/index',
      '/pages/subscribe/index',
    ]);
  });

  it('profile: the privacy popup first; refused, the flow stops with a toast and stores nothing', async () => {
    const profile = mini.open('pages/profile/index');
    await profile.waitForText('获取头像和昵称');
    profile.tap('获取头像和昵称');
    // The dev app's users start without agreement: the kit's popup shows, the call waits.
    await profile.waitForText('同意并继续');
    // The agreement's name, as getPrivacySetting tells it.
    await profile.waitForText('《小程序用户隐私保护指引》');
    profile.tap('《小程序用户隐私保护指引》');
    expect(mini.tt.emulator.privacyContractsOpened).toBe(1);
    profile.tap('拒绝');
    await expect.poll(toasts, { timeout: 15_000 }).toContain('你未同意隐私保护指引，无法使用此功能');
    expect(profile.text()).not.toContain('同意并继续');
    expect(await userRow()).toMatchObject({ nickname: null });
    expect((await mini.tt.getPrivacySetting()).needAuthorization).toBe(true);
    mini.back();
  });

  it('profile: the next tap asks again; agreed, getUserProfile from the tap, verified and stored by the API', async () => {
    const profile = mini.open('pages/profile/index');
    await profile.waitForText('获取头像和昵称');
    profile.tap('获取头像和昵称');
    await profile.waitForText('同意并继续');
    profile.trigger('agreeprivacyauthorization', '同意并继续', {});
    await profile.waitForText('小红');
    await profile.waitForText('更新头像和昵称');
    // Agreed once for the whole agreement: the phone, address and location steps ask no more.
    expect((await mini.tt.getPrivacySetting()).needAuthorization).toBe(false);
    expect(await userRow()).toMatchObject({ nickname: '小红', city: '杭州' });
    mini.back();
  });

  it('phone: the old flow (encryptedData + iv), then the new flow (code)', async () => {
    const phone = mini.open('pages/phone/index');
    await phone.waitForText('尚未绑定');
    phone.trigger('getphonenumber', '授权获取手机号', await mini.tt.emulator.phoneNumberEvent('encrypted'));
    await phone.waitForText('139****5678');
    const first = await userRow();
    expect(first?.phone_masked).toBe('139****5678');

    phone.trigger('getphonenumber', '更换手机号', await mini.tt.emulator.phoneNumberEvent('code'));
    // The toast comes after the API's answer, so the row is written by then.
    await expect.poll(() => toasts().filter((title) => title === '手机号已绑定').length, { timeout: 15_000 }).toBe(2);
    expect((await userRow())!.phone_updated_at!.getTime()).toBeGreaterThan(first!.phone_updated_at!.getTime());
    // Only a keyed hash and ciphertext are stored: the raw number is nowhere in the row.
    const [raw] = await client.sql<{ row: string }>('SELECT row_to_json(u)::text AS row FROM users u WHERE open_id = $1', [douyinUser.openid]);
    expect(raw!.row).not.toContain(PHONE);
    mini.back();
  });

  it('phone: a refused permission shows a readable message, not the errMsg', async () => {
    const phone = mini.open('pages/phone/index');
    await phone.waitForText('139****5678');
    const before = toasts().length;
    phone.trigger('getphonenumber', '更换手机号', { errMsg: 'getPhoneNumber:fail auth deny' });
    await expect.poll(() => toasts().length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(toasts().slice(before)).toEqual(['你已拒绝授权，可在设置中重新开启']);
    mini.back();
  });

  it('device: getSystemInfo reported and shown as stored', async () => {
    const device = mini.open('pages/device/index');
    await device.waitForText('上报本机信息');
    device.tap('上报本机信息');
    await device.waitForText('Emulator Douyin Emulator');
    const devices = await client.sql<{ brand: string; model: string }>(
      'SELECT d.brand, d.model FROM devices d JOIN users u ON u.id = d.user_id WHERE u.open_id = $1',
      [douyinUser.openid],
    );
    expect(devices).toEqual([{ brand: 'Emulator', model: 'Douyin Emulator' }]);
    mini.back();
  });

  it('address & location: chosen, listed, located, deleted after confirming', async () => {
    const address = mini.open('pages/address/index');
    await address.waitForText('还没有保存地址');
    address.tap('从抖音选择收货地址');
    await address.waitForText('张三 13800000000');
    expect(address.text()).toContain('文三路 1 号');
    address.tap('获取当前位置');
    await address.waitForText('30.274150');
    const user = (await userRow())!;
    expect(await client.sql('SELECT user_name, detail_info FROM addresses WHERE user_id = $1', [user.id])).toEqual([
      { user_name: '张三', detail_info: '文三路 1 号' },
    ]);
    const [location] = await client.sql<{ latitude: number }>('SELECT latitude FROM locations WHERE user_id = $1', [user.id]);
    expect(Number(location!.latitude)).toBeCloseTo(30.27415, 5);

    // Delete it (the confirm modal is answered "删除"), then choose it again for the record.
    address.tap('删除');
    await address.waitForText('还没有保存地址');
    expect(mini.modals.at(-1)?.title).toBe('删除地址');
    expect(await client.sql('SELECT id FROM addresses WHERE user_id = $1', [user.id])).toEqual([]);
    address.tap('从抖音选择收货地址');
    await address.waitForText('张三 13800000000');
    mini.back();
  });

  it('subscribe: one-time template accepted from the tap, consent shown with its credit', async () => {
    const subscribe = mini.open('pages/subscribe/index');
    await subscribe.waitForText('订单发货通知');
    expect(subscribe.text()).toContain('服务进度提醒');
    subscribe.tap('订单发货通知');
    await subscribe.waitForText('订阅所选（1）');
    subscribe.tap('订阅所选（1）');
    await subscribe.waitForText('已同意 · 剩余 1 次');
    const user = (await userRow())!;
    const consents = await client.sql<{ template_id: string; status: string; credits: number }>(
      'SELECT template_id, status, credits FROM subscription_consents WHERE user_id = $1',
      [user.id],
    );
    expect(consents).toEqual([{ template_id: 'MSG_ONE_TIME_DEV', status: 'accept', credits: 1 }]);
    mini.back();
  });

  it('an operator send reaches the emulator inbox and spends the credit', async () => {
    const user = (await userRow())!;
    const result = await client.sendNotification(user.id, 'MSG_ONE_TIME_DEV', `tt-journey-${user.id}`);
    expect(result).toMatchObject({ status: 'sent', lastErrorCode: null });
    const inbox = await client.inbox(douyinUser.openid);
    expect(inbox).toEqual([expect.objectContaining({ templateId: 'MSG_ONE_TIME_DEV', openid: douyinUser.openid })]);
    const [consent] = await client.sql<{ credits: number }>('SELECT credits FROM subscription_consents WHERE user_id = $1', [user.id]);
    expect(consent!.credits).toBe(0);

    const subscribe = mini.open('pages/subscribe/index');
    await subscribe.waitForText('已同意 · 剩余 0 次');
  });

  it('home shows the journey: nickname and masked phone', async () => {
    const again = mini.open('pages/index/index');
    await again.waitForText('小红');
    await again.waitForText('手机号：139****5678');
  });
});
