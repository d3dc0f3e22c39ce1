import type {
  AppRecord,
  InboxMessage,
  LoginCodeRecord,
  PhoneCodeRecord,
  SubscriptionRecord,
  TemplateRecord,
  TokenKind,
  TokenRecord,
  UserRecord,
} from './records.js';

export type * from './records.js';

/**
 * Storage boundary (the Azurite pattern): services speak to this interface only, so a
 * persistent implementation could replace the in-memory one without touching handlers.
 * Records handed out are copies or live objects as the implementation sees fit; services
 * always write back through `put*`.
 */
export interface EmulatorStore {
  putApp(app: AppRecord): void;
  getApp(appid: string): AppRecord | undefined;
  listApps(): AppRecord[];

  putUser(user: UserRecord): void;
  getUser(id: string): UserRecord | undefined;
  findUserByOpenid(appid: string, openid: string): UserRecord | undefined;
  listUsers(appid?: string): UserRecord[];

  /** anonymous_openid is per device and app, independent of who is logged in. */
  getAnonymousOpenid(appid: string, deviceId: string): string | undefined;
  putAnonymousOpenid(appid: string, deviceId: string, anonymousOpenid: string): void;

  putLoginCode(code: LoginCodeRecord): void;
  /** Removes and returns the code: codes are single-use. */
  takeLoginCode(code: string): LoginCodeRecord | undefined;

  putToken(token: TokenRecord): void;
  getToken(value: string): TokenRecord | undefined;
  listTokens(appid: string, kind: TokenKind): TokenRecord[];
  /** Times of recent client_token calls per client_key (the 10020 limit). */
  recordTokenCall(key: string, at: number): void;
  countTokenCallsSince(key: string, since: number): number;

  putTemplate(template: TemplateRecord): void;
  getTemplate(appid: string, templateId: string): TemplateRecord | undefined;
  listTemplates(appid?: string): TemplateRecord[];

  getSubscription(appid: string, userId: string, templateId: string): SubscriptionRecord | undefined;
  putSubscription(subscription: SubscriptionRecord): void;
  listSubscriptions(appid?: string): SubscriptionRecord[];

  addInboxMessage(message: InboxMessage): void;
  listInbox(filter: { appid?: string; openid?: string }): InboxMessage[];
  lastDeliveryAt(appid: string, openid: string): number | undefined;

  putPhoneCode(code: PhoneCodeRecord): void;
  takePhoneCode(code: string): PhoneCodeRecord | undefined;

  countCall(operation: string): void;
  calls(): Record<string, number>;

  clear(): void;
}
