import { DASHBOARD_PATH, DEFAULT_DEV_SEED, startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';

export interface DevDouyin {
  /** Environment for the API: empty when real credentials are configured. */
  env: Record<string, string>;
  description: string;
  /**
   * Points the emulator's dev app webhook at the running API (the console's verify_webhook
   * challenge included), as production's console setting would; nothing on real Douyin.
   */
  connectWebhook(apiUrl: string): Promise<string | undefined>;
  /** The emulator's users of the dev app (none on real Douyin). */
  users(): Promise<DevUser[]>;
  close(): Promise<void>;
}

export interface DevUser {
  id: string;
  nickname: string;
  openid: string;
}

/**
 * Real Douyin when DOUYIN_APP_SECRET is configured; otherwise the local emulator seeded with
 * its dev app and users, and the API pointed at it. The emulator's secret is not a secret.
 */
export async function openDevDouyin(options: { stateFile?: string } = {}): Promise<DevDouyin> {
  if (process.env.DOUYIN_APP_SECRET) {
    return {
      env: {},
      description: `Douyin open platform, app ${process.env.DOUYIN_APP_ID ?? '(DOUYIN_APP_ID unset)'}`,
      connectWebhook: async () => undefined,
      users: async () => [],
      close: async () => {},
    };
  }
  const port = Number(process.env.DOUYIN_EMULATOR_PORT ?? 8787);
  const emulator = await startEmulator({ port, seed: DEFAULT_DEV_SEED, stateFile: options.stateFile }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    throw new Error(`Port ${port} is taken (another \`pnpm dev\` or \`pnpm emulator\`?): stop it, or set DOUYIN_EMULATOR_PORT.`);
  });
  const app = DEFAULT_DEV_SEED.apps![0]!;
  let privateKeyPem: string;
  try {
    privateKeyPem = await devAppPrivateKey(emulator.url, app.appid!);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    env: {
      DOUYIN_APP_ID: app.appid!,
      DOUYIN_APP_SECRET: app.secret!,
      DOUYIN_APPS_BASE_URL: emulator.url,
      DOUYIN_OPEN_BASE_URL: emulator.url,
      // The emulator generated this key pair for its fake app: phone-by-code works in dev too.
      DOUYIN_APP_PRIVATE_KEY: privateKeyPem,
      DOUYIN_WEBHOOKS: 'true',
    },
    description: `local emulator ${emulator.url} (app ${app.appid}; dashboard ${emulator.url}${DASHBOARD_PATH})`,
    connectWebhook: async (apiUrl) => {
      const url = `${apiUrl}/webhooks/douyin`;
      const { verification } = await new EmulatorAdmin(emulator.url).setWebhook(app.appid!, url);
      return verification?.verified ? url : undefined;
    },
    users: async () =>
      (await new EmulatorAdmin(emulator.url).users(app.appid)).map((user) => ({
        id: user.id,
        nickname: user.nickname,
        openid: user.openid,
      })),
    close: () => emulator.close(),
  };
}

/** The emulator makes the dev app's RSA key pair at start; its console API hands out the private half. */
async function devAppPrivateKey(emulatorUrl: string, appid: string): Promise<string> {
  const pem = (await new EmulatorAdmin(emulatorUrl).app(appid))?.privateKeyPem;
  if (!pem) throw new Error(`the emulator has no private key for its dev app ${appid}`);
  return pem;
}
