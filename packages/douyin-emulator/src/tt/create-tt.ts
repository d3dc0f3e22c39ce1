import { EmulatorAdmin, EmulatorAdminError } from '../admin/emulator-admin.js';
import { invoke, type Callbacks, type TtError } from './tt-callbacks.js';
import { DEFAULT_ADDRESS, DEFAULT_LOCATION, DEFAULT_SYSTEM_INFO, type Address, type Location, type SystemInfo } from './tt-local.js';
import { PrivacyFlow, privacyRefused, type NeedPrivacyAuthorizationListener } from './tt-privacy.js';
import { ttRequest, type RequestOptions, type RequestTask } from './tt-request.js';

export type { NeedPrivacyAuthorizationListener, PrivacyResolveOption } from './tt-privacy.js';

export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'fail';

export interface CreateTtOptions {
  /** Base URL of a running emulator (RunningEmulator.url). */
  emulatorUrl: string;
  appid: string;
  /** The emulator user this "phone" belongs to. */
  userId: string;
  /** Defaults to `device-<userId>`; decides anonymous_openid. */
  deviceId?: string;
  systemInfo?: Partial<SystemInfo>;
  /** Address chooseAddress returns; null makes it fail like a user cancel (103995). */
  address?: Address | null;
  /** Location getLocation returns; null makes it fail like a refused permission (10202). */
  location?: Location | null;
  /**
   * What the user taps in the host's official privacy popup, shown when a privacy API needs
   * agreement and no `onNeedPrivacyAuthorization` listener is registered; default agree.
   */
  officialPrivacyPopup?: 'agree' | 'disagree';
  /** What the user picks in the subscribe popup, per template id; default accept. */
  subscribeDecisions?: Record<string, SubscribeDecision>;
  /** fetch to use (default: global fetch). */
  fetch?: typeof fetch;
}

export interface PrivacySettingResult {
  errMsg: string;
  needAuthorization: boolean;
  privacyContractName: string;
}

export interface Toast {
  title: string;
  icon?: string;
  duration?: number;
  at: number;
}

/** The `tt` subset the mini-program uses, plus `emulator` helpers that are not tt APIs. */
export interface TtLike {
  login(o?: { force?: boolean } & Callbacks<LoginResult>): Promise<LoginResult>;
  checkSession(o?: Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  getUserProfile(o?: { desc?: string; force?: boolean } & Callbacks<UserProfileResult>): Promise<UserProfileResult>;
  getSystemInfo(o?: Callbacks<SystemInfo & { errMsg: string }>): Promise<SystemInfo & { errMsg: string }>;
  getSystemInfoSync(): SystemInfo;
  chooseAddress(o?: Callbacks<Address & { errMsg: string }>): Promise<Address & { errMsg: string }>;
  getLocation(o?: { type?: string; isHighAccuracy?: boolean } & Callbacks<Location & { errMsg: string }>): Promise<Location & { errMsg: string }>;
  requestSubscribeMessage(o: { tmplIds: string[] } & Callbacks<SubscribeResult>): Promise<SubscribeResult>;
  request(o: RequestOptions): RequestTask;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): void;
  removeStorageSync(key: string): void;
  clearStorageSync(): void;
  getStorage(o: { key: string } & Callbacks<{ data: unknown; errMsg: string }>): Promise<{ data: unknown; errMsg: string }>;
  setStorage(o: { key: string; data: unknown } & Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  removeStorage(o: { key: string } & Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  clearStorage(o?: Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  showToast(o: { title: string; icon?: string; duration?: number } & Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  hideToast(o?: Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  getPrivacySetting(o?: Callbacks<PrivacySettingResult>): Promise<PrivacySettingResult>;
  /** Shows the privacy popup (the listener's, else the official one) unless already agreed. */
  requirePrivacyAuthorize(o?: Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): void;
  offNeedPrivacyAuthorization(listener?: NeedPrivacyAuthorizationListener): void;
  openPrivacyContract(o?: Callbacks<{ errMsg: string }>): Promise<{ errMsg: string }>;
  emulator: {
    /** Every toast shown, oldest first. */
    toasts: Toast[];
    /**
     * A tap on `<button id="…" open-type="agreePrivacyAuthorization">`: the base library
     * records it, and `resolve({buttonId, event:'agree'})` only counts for a tapped button.
     * A real host sees the tap itself; a browser or Node driver reports it here.
     */
    tapPrivacyAgreeButton(buttonId: string): void;
    /** Times openPrivacyContract opened the agreement. */
    privacyContractsOpened: number;
    /** The `e.detail` of a tap on `<button open-type="getPhoneNumber">` (flow: old or new). */
    phoneNumberEvent(flow: 'encrypted' | 'code'): Promise<PhoneNumberDetail>;
  };
}

export interface LoginResult {
  errMsg: string;
  code?: string;
  anonymousCode: string;
  isLogin: boolean;
}
export interface UserProfileResult {
  errMsg: string;
  userInfo: {
    avatarUrl: string;
    nickName: string;
    gender: number;
    city: string;
    province: string;
    country: string;
    language: string;
  };
  rawData: string;
  signature: string;
  encryptedData: string;
  iv: string;
}
export type SubscribeResult = Record<string, unknown> & {
  errMsg: string;
  itemSettings: Record<string, string>;
  templateSettings: Record<string, unknown>;
};
export type PhoneNumberDetail = { errMsg: string; encryptedData?: string; iv?: string; code?: string } | (TtError & { errMsg: string });

/** A `tt`-like object bound to one emulator user: device APIs go to `/__emulator/device/*`. */
export function createTt(options: CreateTtOptions): TtLike {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const admin = new EmulatorAdmin(options.emulatorUrl, { fetch: doFetch });
  const who = { appid: options.appid, userId: options.userId };
  const storage = new Map<string, string>();
  const toasts: Toast[] = [];
  const systemInfo: SystemInfo = { ...DEFAULT_SYSTEM_INFO, ...options.systemInfo };

  // A 422 from a device endpoint is the tt API's own failure; anything else non-2xx is a bug.
  const device = async <T>(api: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof EmulatorAdminError)) throw error;
      const json = (error.body ?? {}) as Record<string, unknown>;
      if (error.status === 422) {
        throw { errMsg: json.errMsg, errNo: json.errNo, errCode: json.errCode, ...(json.privacyPending === true ? { privacyPending: true } : {}) };
      }
      throw { errMsg: `${api}:fail ${typeof json.error === 'string' ? json.error : error.status}` };
    }
  };
  const ok = (api: string) => ({ errMsg: `${api}:ok` });

  const privacy = new PrivacyFlow(
    options.officialPrivacyPopup ?? 'agree',
    () => admin.agreePrivacy(who),
    async () => (await device('getPrivacySetting', () => admin.privacySetting(who))).needAuthorization,
  );
  const emulatorState = { toasts, privacyContractsOpened: 0 };
  const checkPrivacy = (api: 'chooseAddress' | 'getLocation') => privacy.run(api, api, () => device(api, () => admin.privacyCheck({ ...who, api })));
  // Storage keeps JSON copies: like tt, a stored object is not the caller's live object.
  const readStorage = (key: string): unknown => {
    const raw = storage.get(key);
    return raw === undefined ? '' : JSON.parse(raw);
  };

  return {
    login: (o) => invoke('login', o, () => device('login', () => admin.login({ ...who, deviceId: options.deviceId }))),
    checkSession: (o) =>
      invoke('checkSession', o, async () => {
        const { valid } = await device('checkSession', () => admin.checkSession(who));
        if (!valid) throw { errMsg: 'checkSession:fail session expired' };
        return ok('checkSession');
      }),
    getUserProfile: (o) =>
      invoke('getUserProfile', o, () =>
        privacy.run('getUserProfile', 'getUserProfile', () => device('getUserProfile', () => admin.userProfile(who))),
      ),
    getSystemInfo: (o) => invoke('getSystemInfo', o, async () => ({ ...systemInfo, ...ok('getSystemInfo') })),
    getSystemInfoSync: () => ({ ...systemInfo }),
    chooseAddress: (o) =>
      invoke('chooseAddress', o, async () => {
        await checkPrivacy('chooseAddress');
        const address = options.address === undefined ? DEFAULT_ADDRESS : options.address;
        if (!address) throw { errMsg: 'chooseAddress:fail cancel', errNo: 103995 };
        return { ...address, ...ok('chooseAddress') };
      }),
    getLocation: (o) =>
      invoke('getLocation', o, async () => {
        await checkPrivacy('getLocation');
        const location = options.location === undefined ? DEFAULT_LOCATION : options.location;
        if (!location) throw { errMsg: 'getLocation:fail auth deny', errNo: 10202 };
        return { ...location, ...ok('getLocation') };
      }),
    requestSubscribeMessage: (o) =>
      invoke('requestSubscribeMessage', o, async () => {
        const res = await device('requestSubscribeMessage', () =>
          admin.subscribe({ ...who, tmplIds: o.tmplIds, decisions: options.subscribeDecisions }),
        );
        // A real Android device adds itemSettings beside the legacy keys (the seed's sample).
        return { ...res.legacy, errMsg: 'requestSubscribeMessage:ok', itemSettings: res.itemSettings, templateSettings: res.templateSettings };
      }),
    request: (o) => ttRequest(o, doFetch),
    getStorageSync: readStorage,
    setStorageSync: (key, data) => {
      storage.set(key, JSON.stringify(data));
    },
    removeStorageSync: (key) => {
      storage.delete(key);
    },
    clearStorageSync: () => storage.clear(),
    getStorage: (o) =>
      invoke('getStorage', o, async () => {
        if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' };
        return { data: readStorage(o.key), ...ok('getStorage') };
      }),
    setStorage: (o) =>
      invoke('setStorage', o, async () => {
        storage.set(o.key, JSON.stringify(o.data));
        return ok('setStorage');
      }),
    removeStorage: (o) =>
      invoke('removeStorage', o, async () => {
        storage.delete(o.key);
        return ok('removeStorage');
      }),
    clearStorage: (o) =>
      invoke('clearStorage', o, async () => {
        storage.clear();
        return ok('clearStorage');
      }),
    showToast: (o) =>
      invoke('showToast', o, async () => {
        toasts.push({ title: o.title, icon: o.icon, duration: o.duration, at: Date.now() });
        return ok('showToast');
      }),
    hideToast: (o) => invoke('hideToast', o, async () => ok('hideToast')),
    getPrivacySetting: (o) => invoke('getPrivacySetting', o, () => device('getPrivacySetting', () => admin.privacySetting(who))),
    requirePrivacyAuthorize: (o) =>
      invoke('requirePrivacyAuthorize', o, async () => {
        const setting = await device('requirePrivacyAuthorize', () => admin.privacySetting(who));
        if (setting.needAuthorization && !(await privacy.ask('requirePrivacyAuthorize'))) throw privacyRefused('requirePrivacyAuthorize');
        return ok('requirePrivacyAuthorize');
      }),
    onNeedPrivacyAuthorization: (listener) => privacy.on(listener),
    offNeedPrivacyAuthorization: (listener) => privacy.off(listener),
    openPrivacyContract: (o) =>
      invoke('openPrivacyContract', o, async () => {
        emulatorState.privacyContractsOpened += 1;
        return ok('openPrivacyContract');
      }),
    emulator: {
      get toasts() {
        return emulatorState.toasts;
      },
      get privacyContractsOpened() {
        return emulatorState.privacyContractsOpened;
      },
      tapPrivacyAgreeButton: (buttonId) => privacy.tapAgreeButton(buttonId),
      // The button's tap asks for privacy agreement first, like a privacy API.
      phoneNumberEvent: async (flow) => {
        try {
          return await privacy.run('getPhoneNumber', 'button.getPhoneNumber', () =>
            device<PhoneNumberDetail>('getPhoneNumber', () => admin.phoneNumber({ ...who, flow })),
          );
        } catch (error) {
          return error as PhoneNumberDetail;
        }
      },
    },
  };
}
