import { extraApps } from '../../../test/create-app.js';
import { callCounter, freshEmulatorApp, startInstances, storedToken } from '../../../test/douyin-tokens.js';

// The app's own emulator app is shared by every test file (its token row may already be warm):
// a fresh one makes this instance's first token call a real fetch.
const apps = extraApps();
afterAll(() => apps.closeAll());

describe('DouyinModule', () => {
  it('gives the app a client pointed at the configured Douyin hosts (here the emulator), keeping tokens in PostgreSQL', async () => {
    const app = await freshEmulatorApp();
    const tokenCalls = await callCounter('token', { appid: app.appid });
    try {
      const [instance] = await startInstances(apps, app, 1);

      const token = await instance!.client.appTokens.getToken();

      expect(token).toMatch(/\S{16,}/);
      expect(await tokenCalls.count()).toBe(1);
      expect(instance!.metrics.snapshot().app_access_token).toEqual({ ok: 1, failed: 0 });
      expect(await storedToken(app.appid, 'app_access_token')).toBe(token);
    } finally {
      await tokenCalls.remove();
    }
  });
});
