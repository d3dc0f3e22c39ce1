// The browser-safe entries (createTt, the admin client, the contracts) with the DOM and no Node
// types: what the mini-program's H5 preview bundles.
import { ZLoginRequest } from '@douyin-kit/contracts';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { createTt } from '@douyin-kit/douyin-emulator/tt';

export async function previewLogin(emulatorUrl: string): Promise<boolean> {
  const admin = new EmulatorAdmin(emulatorUrl, { fetch: window.fetch.bind(window) });
  const user = await admin.createUser({ appid: 'tt_app' });
  const tt = createTt({ emulatorUrl, appid: 'tt_app', userId: user.id });
  const { code, anonymousCode } = await tt.login();
  return ZLoginRequest.safeParse({ code, anonymousCode }).success;
}

// @ts-expect-error userId is required
createTt({ emulatorUrl: 'http://127.0.0.1:8787', appid: 'tt_app' });
