// Every entry point under `moduleResolution: node10`. `@ts-expect-error` lines fail the check if
// a type resolved to `any`.
import { ERROR_CODES, routes } from '@douyin-kit/contracts';
import { DouyinClient, type DouyinClientOptions } from '@douyin-kit/douyin-client';
import { type RunningEmulator, startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { createTt } from '@douyin-kit/douyin-emulator/tt';

export async function flow(): Promise<number> {
  const emulator: RunningEmulator = await startEmulator();
  const user = await new EmulatorAdmin(emulator.url).createUser({ appid: 'tt_app' });
  const { code } = await createTt({ emulatorUrl: emulator.url, appid: 'tt_app', userId: user.id }).login();
  const session = await new DouyinClient({ appId: 'tt_app', appSecret: 's', baseUrl: emulator.url }).code2Session({ code });
  await emulator.close();
  return (session.openId?.length ?? 0) + ERROR_CODES.VALIDATION_FAILED + routes.auth.login.path.length;
}

// @ts-expect-error appSecret is required
export const wrongOptions: DouyinClientOptions = { appId: 'tt_app' };
// @ts-expect-error userId is required
createTt({ emulatorUrl: 'http://127.0.0.1:8787', appid: 'tt_app' });
