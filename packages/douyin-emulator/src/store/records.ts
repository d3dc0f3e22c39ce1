/** The emulator's state, as plain records. Times are emulated epoch milliseconds. */

/**
 * The privacy items the emulated tt APIs need declared in the app's privacy agreement, keyed by
 * API (the console names them 用户头像、昵称, 手机号, 通讯地址, 地理位置).
 */
export const PRIVACY_ITEM_OF_API = {
  getUserProfile: 'userInfo',
  getPhoneNumber: 'phoneNumber',
  chooseAddress: 'address',
  getLocation: 'location',
} as const;
export type PrivacyApi = keyof typeof PRIVACY_ITEM_OF_API;
export type PrivacyItem = (typeof PRIVACY_ITEM_OF_API)[PrivacyApi];
export const PRIVACY_ITEMS = ['userInfo', 'phoneNumber', 'address', 'location'] as const satisfies readonly PrivacyItem[];

/** The app's privacy agreement as configured in the console. */
export interface AppPrivacy {
  /** Declared items: a privacy API whose item is missing fails "api scope is not declared". */
  declared: PrivacyItem[];
  /** What tt.getPrivacySetting answers as privacyContractName. */
  contractName: string;
  /** What `POST /api/apps/v1/privacy_setting/query/` answers as is_configure. */
  configured: boolean;
  /** New users start having agreed (true, the default) or must walk the privacy popup first. */
  usersStartAgreed: boolean;
}

export interface AppRecord {
  appid: string;
  secret: string;
  publicKeyPem: string;
  /** null when the app was registered with its own public key (the console flow). */
  privateKeyPem: string | null;
  /** Where the platform pushes events (console → Webhooks); null: none (the default). */
  webhookUrl: string | null;
  /**
   * What pushes are signed with when the console issued a separate webhook verification key
   * (the mini-app console does when webhooks are enabled); unset: the app secret.
   */
  webhookSecret?: string;
  privacy: AppPrivacy;
}

export interface UserProfile {
  nickName: string;
  avatarUrl: string;
  /** 0 unknown, 1 male, 2 female. */
  gender: 0 | 1 | 2;
  city: string;
  province: string;
  country: string;
  language: string;
}

export interface PhoneRecord {
  countryCode: string;
  purePhoneNumber: string;
}

export interface UserRecord {
  id: string;
  appid: string;
  openid: string;
  /** May be empty: the platform sends "" when the app is not bound to an open-platform account. */
  unionid: string;
  /** Logged in to the host app (Douyin); false means tt.login returns no `code`. */
  loggedIn: boolean;
  profile: UserProfile;
  phone: PhoneRecord | null;
  /** The key of the latest tt.login; null before the first login. */
  sessionKey: string | null;
  /**
   * The privacy items the user agreed to (the app's declared items at the time); null before
   * any agreement. Items declared later make the app ask again.
   */
  privacyAgreed: PrivacyItem[] | null;
}

export interface LoginCodeRecord {
  code: string;
  kind: 'code' | 'anonymous';
  appid: string;
  userId: string;
  deviceId: string;
  /** The session key minted by the login that produced this code (kind "code" only). */
  sessionKey: string | null;
  expiresAt: number;
}

export type TokenKind = 'app' | 'client';

export interface TokenRecord {
  value: string;
  kind: TokenKind;
  appid: string;
  issuedAt: number;
  /** Issue order within the emulator (several tokens can share a millisecond). */
  seq: number;
  expiresAt: number;
}

export type TemplateKind = 'one_time' | 'long_term';

export interface TemplateRecord {
  appid: string;
  templateId: string;
  title: string;
  kind: TemplateKind;
  /** Keyword labels a message's data must use; empty means any labels are accepted. */
  keywords: string[];
}

export interface SubscriptionRecord {
  appid: string;
  userId: string;
  templateId: string;
  /** One-time templates: sends left (one per accepted request). */
  credits: number;
  /** Long-term templates: accepted and not withdrawn. */
  longTerm: boolean;
  /** The user chose "ban": no further messages of this template. */
  banned: boolean;
  alwaysSubscribe: boolean;
  updatedAt: number;
}

export interface InboxMessage {
  appid: string;
  openid: string;
  userId: string;
  templateId: string;
  data: Record<string, string>;
  page: string | null;
  apiVersion: 'v1' | 'v2';
  notifyType: number[] | null;
  deliveredAt: number;
}

export interface PhoneCodeRecord {
  code: string;
  appid: string;
  userId: string;
  expiresAt: number;
}
