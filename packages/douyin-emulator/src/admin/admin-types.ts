// What the admin API (`/__emulator`) answers, as the client sees it. Type-only imports of
// dependency-free modules: this folder must stay browser-safe (see tsconfig.tt.json).
import type {
  AppPrivacy,
  InboxMessage,
  PrivacyApi,
  PrivacyItem,
  SubscriptionRecord,
  TemplateRecord,
  TokenKind,
  UserProfile,
  UserRecord,
} from '../store/records.js';
import type { SecretKind } from '../issued-secrets.js';
import type { FaultRule, FaultRuleInput, Operation } from '../faults/fault-rule-types.js';
import type { RecordedCall } from '../calls/recorded-call.js';
import type { SeedApp, SeedPrivacy, SeedTemplate, SeedUser } from '../seed.js';
import type { LoginResult, SubscribeDecision, UserProfileResult } from '../tt/create-tt.js';

export type {
  AppPrivacy,
  FaultRule,
  FaultRuleInput,
  Operation,
  PrivacyApi,
  PrivacyItem,
  RecordedCall,
  SecretKind,
  SeedApp,
  SeedPrivacy,
  SeedTemplate,
  SeedUser,
};

/** A registered mini-program. `privateKeyPem` is null when it was registered with its own key. */
export interface AdminApp {
  appid: string;
  secret: string;
  publicKeyPem: string;
  privateKeyPem: string | null;
  /** Where events are pushed; null: none. */
  webhookUrl: string | null;
  /** Signs pushes instead of the app secret; absent: the app secret. */
  webhookSecret?: string;
  privacy: AppPrivacy;
}

/** A generated app (no `publicKeyPem` given): the emulator holds its private key. */
export type GeneratedApp = AdminApp & { privateKeyPem: string };

/**
 * A Douyin user of one app: the record with its profile flattened (`nickName` as `nickname`).
 * The session key stays out: only jscode2session tells it. `unionid` may be empty, as on the
 * platform when the app is not bound to an open-platform account.
 */
export type AdminUser = Pick<UserRecord, 'id' | 'appid' | 'openid' | 'unionid' | 'loggedIn' | 'phone' | 'privacyAgreed'> &
  Omit<UserProfile, 'nickName'> & {
    nickname: string;
    /** The user has logged in to the mini-program (tt.login) and holds a session key. */
    hasSession: boolean;
  };

export type AdminTemplate = TemplateRecord;

/** `deliveredAt` in emulated epoch milliseconds, `time` the same as ISO text. */
export type AdminInboxMessage = InboxMessage & { time: string };

export interface ClockView {
  now: number;
  iso: string;
  offsetMs: number;
}

/** Who holds the phone: the app and the emulator user. */
export interface DeviceUser {
  appid: string;
  userId: string;
}

export type DeviceLogin = LoginResult;
export type DeviceUserProfile = UserProfileResult;

export type PhoneFlow = 'encrypted' | 'code';
/** A tap on `<button open-type="getPhoneNumber">`: the old flow's ciphertext or the new flow's code. */
export type PhoneNumberDetail<F extends PhoneFlow> = (F extends 'code' ? { code: string } : { encryptedData: string; iv: string }) & {
  errMsg: string;
};

/** tt.getPrivacySetting's answer (without its errMsg). */
export interface PrivacySettingView {
  needAuthorization: boolean;
  privacyContractName: string;
}

export interface SubscribeInput extends DeviceUser {
  tmplIds: unknown;
  decisions?: Record<string, SubscribeDecision>;
  alwaysSubscribe?: boolean;
}

/**
 * The shapes tt.requestSubscribeMessage answers: `legacy` (before 3.35.0), `templateSettings`
 * (3.35.0+) and `itemSettings` (real Android devices, beside the legacy keys).
 */
export interface SubscribeOutcome {
  legacy: Record<string, string>;
  templateSettings: Record<string, unknown>;
  itemSettings: Record<string, string>;
}

/** One POST of a webhook delivery: `at` in emulated epoch ms, `statusCode` null when no answer came. */
export interface AdminWebhookAttempt {
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** An event pushed to an app's webhook URL, with each attempt. `body` is the exact signed text. */
export interface AdminWebhookDelivery {
  id: string;
  appid: string;
  url: string;
  msgId: string;
  event: string;
  body: string;
  signature: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: AdminWebhookAttempt[];
  createdAt: number;
}

/** The console's check of a webhook URL: a signed verify_webhook whose answer must echo the challenge. */
export interface AdminWebhookVerification {
  verified: boolean;
  challenge: number;
  statusCode: number | null;
  error: string | null;
}

export type IssuedSecretsView = Record<SecretKind, string[]>;
export type CallCounts = Record<Operation, number>;

/**
 * A token the platform issued (app access_token or client_token), masked: the dashboard and
 * logs may show it, so only its first and last four characters are kept.
 */
export interface AdminIssuedToken {
  appid: string;
  kind: TokenKind;
  masked: string;
  issuedAt: number;
  expiresAt: number;
  /** Past its expiry on the emulated clock (including a re-fetch's 5-minute overlap). */
  expired: boolean;
}

/** A user's standing for one template: one-time credits left, long-term permission, ban. */
export type AdminSubscription = SubscriptionRecord;
