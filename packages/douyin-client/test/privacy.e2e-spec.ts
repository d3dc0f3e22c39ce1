import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DouyinApiError, type DouyinClient } from '../src/index.js';
import { delta, type EmuApp, EmulatorHarness, rejection } from './emulator-harness.js';

let h: EmulatorHarness;
let app: EmuApp;
let client: DouyinClient;

beforeAll(async () => {
  h = await EmulatorHarness.start();
  app = await h.createApp();
  client = h.client(app);
});
afterAll(() => h.close());

describe('queryPrivacySetting (POST /api/apps/v1/privacy_setting/query/)', () => {
  it('reads is_configure with the brokered client_token, and follows the console', async () => {
    expect(await client.queryPrivacySetting()).toEqual({ isConfigured: true, data: { is_configure: true } });
    await h.admin.setAppPrivacy(app.appid, { configured: false });
    expect((await client.queryPrivacySetting()).isConfigured).toBe(false);
    await h.admin.setAppPrivacy(app.appid, { configured: true });
  });

  it('is a read: a system error is retried; a lasting one is a typed error', async () => {
    await h.fault({ operation: 'privacy_setting_query', errNo: 28001005, times: 1 });
    const before = await h.calls();
    expect((await client.queryPrivacySetting()).isConfigured).toBe(true);
    expect(delta(await h.calls(), before)).toEqual({ privacy_setting_query: 2 });

    await h.fault({ operation: 'privacy_setting_query', errNo: 28001005 });
    const error = await rejection(client.queryPrivacySetting());
    await h.clearFaults();
    expect(error).toBeInstanceOf(DouyinApiError);
    expect(error).toMatchObject({ errNo: 28001005 });
  });

  it('an answer without a boolean is_configure reads as unknown (null)', async () => {
    await h.fault({ operation: 'privacy_setting_query', errNo: 0, times: 1 });
    expect((await client.queryPrivacySetting()).isConfigured).toBeNull();
  });
});
