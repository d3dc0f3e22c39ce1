import { EmulatorAdmin, type FaultRuleInput, type PhoneFlow } from '@douyin-kit/douyin-emulator/admin';
import { inject } from 'vitest';

let client: EmulatorAdmin | undefined;

/**
 * The Douyin emulator of this test run, driven through its admin client over HTTP: the "phone"
 * side of every flow (tt.login, getUserProfile, getPhoneNumber, ...) for the run's app, and its
 * fault rules. `client` reaches the rest of the admin API (other apps, templates, inbox).
 */
export const emulator = {
  get url(): string {
    return inject('douyin').url;
  },
  get appId(): string {
    return inject('douyin').appId;
  },
  get client(): EmulatorAdmin {
    return (client ??= new EmulatorAdmin(this.url));
  },

  /** A new user of this run's app (logged in to the host app unless `loggedIn: false`). */
  createUser(fields: Record<string, unknown> = {}): Promise<{ id: string; openid: string; unionid: string }> {
    return this.client.createUser({ appid: this.appId, nickname: 'Test User', ...fields });
  },

  /** tt.login on the user's device: a fresh code (unless not logged in) and anonymous code. */
  login(userId: string, deviceId?: string): Promise<{ code?: string; anonymousCode: string; isLogin: boolean }> {
    return this.client.login({ appid: this.appId, userId, deviceId });
  },

  userProfile(userId: string): Promise<{ rawData: string; signature: string; encryptedData: string; iv: string; userInfo: Record<string, unknown> }> {
    return this.client.userProfile({ appid: this.appId, userId });
  },

  /**
   * A tap on the getPhoneNumber button: what the mini-program sends on from `e.detail` (the
   * old flow's encryptedData/iv or the new flow's code), without `errMsg`.
   */
  async phoneNumber<F extends PhoneFlow>(
    userId: string,
    flow: F,
  ): Promise<F extends 'code' ? { code: string } : { encryptedData: string; iv: string }> {
    const { errMsg: _, ...detail } = await this.client.phoneNumber({ appid: this.appId, userId, flow });
    return detail as unknown as F extends 'code' ? { code: string } : { encryptedData: string; iv: string };
  },

  /** Another mini-program registered on the same emulator (the console side). */
  createApp(): Promise<{ appid: string; secret: string; privateKeyPem: string }> {
    return this.client.createApp();
  },

  async calls(): Promise<Record<string, number>> {
    return this.client.calls();
  },

  /**
   * Adds a fault rule; returns a function that removes it. Rules are global to the emulator and
   * test files run in parallel: `match` (e.g. `{ code }`) keeps a rule to the test's own calls.
   */
  async fault(rule: Omit<FaultRuleInput, 'match'> & { match: Record<string, string> }) {
    const created = await this.client.addFault(rule);
    return () => this.client.removeFault(created.id).catch(() => undefined);
  },
};
