// Every entry point from an ES module, checked under Node16 resolution (tsconfig.node16.json)
// and the bundlers' (tsconfig.bundler.json). `@ts-expect-error` lines fail the check if a type
// resolved to `any`.
import { ERROR_CODES, type TLoginRequest, ZLoginRequest, routes } from '@douyin-kit/contracts';
import {
  DouyinApiError,
  DouyinClient,
  type DouyinClientOptions,
  InMemoryTokenStore,
  type PgPool,
  PostgresTokenStore,
  postgresTokenStoreSchema,
  type TokenStore,
  decryptUserData,
} from '@douyin-kit/douyin-client';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin, type AdminUser } from '@douyin-kit/douyin-emulator/admin';
import { createTt, type TtLike } from '@douyin-kit/douyin-emulator/tt';

export async function loginFlow(options: EmulatorOptions): Promise<string> {
  const emulator: RunningEmulator = await startEmulator(options);
  const admin = new EmulatorAdmin(emulator.url);
  const user: AdminUser = await admin.createUser({ appid: 'tt_app' });
  const tt: TtLike = createTt({ emulatorUrl: emulator.url, appid: 'tt_app', userId: user.id });
  const { code, anonymousCode } = await tt.login();
  const body: TLoginRequest = ZLoginRequest.parse({ code, anonymousCode });
  const store: TokenStore = new InMemoryTokenStore();
  const clientOptions: DouyinClientOptions = { appId: 'tt_app', appSecret: 's', baseUrl: emulator.url, tokenStore: store };
  const douyin = new DouyinClient(clientOptions);
  try {
    const session = await douyin.code2Session(body);
    const profile = decryptUserData<{ nickName: string }>({ encryptedData: '', iv: '', sessionKey: session.sessionKey ?? '', appId: 'tt_app' });
    return profile.nickName + profile.watermark.appid + routes.auth.login.path;
  } catch (error) {
    if (error instanceof DouyinApiError) return error.kind;
    throw error;
  } finally {
    await emulator.close();
  }
}

export const status: number = ERROR_CODES.VALIDATION_FAILED;
// @ts-expect-error appId is a string
export const wrongOptions: DouyinClientOptions = { appId: 1, appSecret: 's' };
// @ts-expect-error not an option of startEmulator
export const wrongEmulator: EmulatorOptions = { portt: 1 };

// PostgresTokenStore takes any pg-like pool (the consumer has no `pg`): a structural one fits.
const pool: PgPool = {
  connect: async () => ({ query: async () => ({ rows: [] }), release: () => undefined }),
  query: async () => ({ rows: [] }),
};
export const sharedStore: TokenStore = new PostgresTokenStore({ pool, table: 'app_tokens' });
export const tokenTable: string = postgresTokenStoreSchema('app_tokens');
// @ts-expect-error the pool is required
export const noPool = new PostgresTokenStore({ table: 'app_tokens' });
