import { DouyinClient } from '@douyin-kit/douyin-client';
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../test/create-app.js';

describe('DouyinModule', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  it('gives the app a client pointed at the configured Douyin hosts (here the emulator)', async () => {
    const client = running.app.get(DouyinClient);
    const calls = async () =>
      ((await (await fetch(`${inject('douyin').url}/__emulator/calls`)).json()) as { token: number }).token;
    const before = await calls();

    const token = await client.appTokens.getToken();

    expect(token).toMatch(/\S{16,}/);
    expect(await calls()).toBe(before + 1);
  });
});
