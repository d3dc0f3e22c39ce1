import { inject } from 'vitest';

/**
 * The Douyin emulator of this test run, driven through its admin API over HTTP: the "phone"
 * side of every flow (tt.login, getUserProfile, getPhoneNumber, ...) and its fault rules.
 */
export const emulator = {
  get url(): string {
    return inject('douyin').url;
  },
  get appId(): string {
    return inject('douyin').appId;
  },

  async admin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  },

  /** A new user of this run's app (logged in to the host app unless `loggedIn: false`). */
  createUser(fields: Record<string, unknown> = {}): Promise<{ id: string; openid: string; unionid: string }> {
    return this.admin('POST', '/users', { appid: this.appId, nickname: 'Test User', ...fields });
  },

  /** tt.login on the user's device: a fresh code (unless not logged in) and anonymous code. */
  login(userId: string, deviceId?: string): Promise<{ code?: string; anonymousCode: string; isLogin: boolean }> {
    return this.admin('POST', '/device/login', { appid: this.appId, userId, deviceId });
  },

  userProfile(userId: string): Promise<{ rawData: string; signature: string; encryptedData: string; iv: string; userInfo: Record<string, unknown> }> {
    return this.admin('POST', '/device/user-profile', { appid: this.appId, userId });
  },

  /**
   * A tap on the getPhoneNumber button: what the mini-program sends on from `e.detail` (the
   * old flow's encryptedData/iv or the new flow's code), without `errMsg`.
   */
  async phoneNumber<F extends 'encrypted' | 'code'>(
    userId: string,
    flow: F,
  ): Promise<F extends 'code' ? { code: string } : { encryptedData: string; iv: string }> {
    const { errMsg: _, ...detail } = await this.admin<Record<string, string>>('POST', '/device/phone-number', { appid: this.appId, userId, flow });
    return detail as F extends 'code' ? { code: string } : { encryptedData: string; iv: string };
  },

  /** Another mini-program registered on the same emulator (the console side). */
  createApp(): Promise<{ appid: string; secret: string; privateKeyPem: string }> {
    return this.admin('POST', '/apps', {});
  },

  async calls(): Promise<Record<string, number>> {
    return this.admin('GET', '/calls');
  },

  /**
   * Adds a fault rule; returns a function that removes it. Rules are global to the emulator and
   * test files run in parallel: `match` (e.g. `{ code }`) keeps a rule to the test's own calls.
   */
  async fault(rule: {
    operation: string;
    match: Record<string, string>;
    errNo?: number;
    probability?: number;
    latencyMs?: number;
    drop?: boolean;
    times?: number;
  }) {
    const created = await this.admin<{ id: string }>('POST', '/faults', rule);
    return () => this.admin('DELETE', `/faults/${created.id}`).catch(() => undefined);
  },
};
