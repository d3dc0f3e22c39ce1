import type {
  AppRecord,
  EmulatorStore,
  InboxMessage,
  LoginCodeRecord,
  PhoneCodeRecord,
  SubscriptionRecord,
  TemplateRecord,
  TokenKind,
  TokenRecord,
  UserRecord,
} from './store.js';

const key = (...parts: string[]): string => parts.join('\u0000');

export class MemoryStore implements EmulatorStore {
  private apps = new Map<string, AppRecord>();
  private users = new Map<string, UserRecord>();
  private anonymousOpenids = new Map<string, string>();
  private loginCodes = new Map<string, LoginCodeRecord>();
  private tokens = new Map<string, TokenRecord>();
  private tokenCalls = new Map<string, number[]>();
  private templates = new Map<string, TemplateRecord>();
  private subscriptions = new Map<string, SubscriptionRecord>();
  private inbox: InboxMessage[] = [];
  private phoneCodes = new Map<string, PhoneCodeRecord>();
  private callCounts = new Map<string, number>();

  putApp(app: AppRecord): void {
    this.apps.set(app.appid, app);
  }
  getApp(appid: string): AppRecord | undefined {
    return this.apps.get(appid);
  }
  listApps(): AppRecord[] {
    return [...this.apps.values()];
  }

  putUser(user: UserRecord): void {
    this.users.set(user.id, user);
  }
  getUser(id: string): UserRecord | undefined {
    return this.users.get(id);
  }
  findUserByOpenid(appid: string, openid: string): UserRecord | undefined {
    for (const user of this.users.values()) {
      if (user.appid === appid && user.openid === openid) return user;
    }
    return undefined;
  }
  listUsers(appid?: string): UserRecord[] {
    return [...this.users.values()].filter((u) => appid === undefined || u.appid === appid);
  }

  getAnonymousOpenid(appid: string, deviceId: string): string | undefined {
    return this.anonymousOpenids.get(key(appid, deviceId));
  }
  putAnonymousOpenid(appid: string, deviceId: string, anonymousOpenid: string): void {
    this.anonymousOpenids.set(key(appid, deviceId), anonymousOpenid);
  }

  putLoginCode(code: LoginCodeRecord): void {
    this.loginCodes.set(code.code, code);
  }
  takeLoginCode(code: string): LoginCodeRecord | undefined {
    const found = this.loginCodes.get(code);
    this.loginCodes.delete(code);
    return found;
  }

  putToken(token: TokenRecord): void {
    this.tokens.set(token.value, token);
  }
  getToken(value: string): TokenRecord | undefined {
    return this.tokens.get(value);
  }
  listTokens(appid: string, kind: TokenKind): TokenRecord[] {
    return [...this.tokens.values()].filter((t) => t.appid === appid && t.kind === kind);
  }
  recordTokenCall(callKey: string, at: number): void {
    const list = this.tokenCalls.get(callKey) ?? [];
    list.push(at);
    this.tokenCalls.set(callKey, list);
  }
  countTokenCallsSince(callKey: string, since: number): number {
    // Prune while counting so the log stays bounded by the window.
    const recent = (this.tokenCalls.get(callKey) ?? []).filter((at) => at > since);
    this.tokenCalls.set(callKey, recent);
    return recent.length;
  }

  putTemplate(template: TemplateRecord): void {
    this.templates.set(key(template.appid, template.templateId), template);
  }
  getTemplate(appid: string, templateId: string): TemplateRecord | undefined {
    return this.templates.get(key(appid, templateId));
  }
  listTemplates(appid?: string): TemplateRecord[] {
    return [...this.templates.values()].filter((t) => appid === undefined || t.appid === appid);
  }

  getSubscription(appid: string, userId: string, templateId: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(key(appid, userId, templateId));
  }
  putSubscription(subscription: SubscriptionRecord): void {
    const { appid, userId, templateId } = subscription;
    this.subscriptions.set(key(appid, userId, templateId), subscription);
  }
  listSubscriptions(appid?: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((s) => appid === undefined || s.appid === appid);
  }

  addInboxMessage(message: InboxMessage): void {
    this.inbox.push(message);
  }
  listInbox(filter: { appid?: string; openid?: string }): InboxMessage[] {
    return this.inbox.filter(
      (m) => (filter.appid === undefined || m.appid === filter.appid) && (filter.openid === undefined || m.openid === filter.openid),
    );
  }
  lastDeliveryAt(appid: string, openid: string): number | undefined {
    for (let i = this.inbox.length - 1; i >= 0; i--) {
      const m = this.inbox[i]!;
      if (m.appid === appid && m.openid === openid) return m.deliveredAt;
    }
    return undefined;
  }

  putPhoneCode(code: PhoneCodeRecord): void {
    this.phoneCodes.set(code.code, code);
  }
  takePhoneCode(code: string): PhoneCodeRecord | undefined {
    const found = this.phoneCodes.get(code);
    this.phoneCodes.delete(code);
    return found;
  }

  countCall(operation: string): void {
    this.callCounts.set(operation, (this.callCounts.get(operation) ?? 0) + 1);
  }
  calls(): Record<string, number> {
    return Object.fromEntries(this.callCounts);
  }

  clear(): void {
    this.apps.clear();
    this.users.clear();
    this.anonymousOpenids.clear();
    this.loginCodes.clear();
    this.tokens.clear();
    this.tokenCalls.clear();
    this.templates.clear();
    this.subscriptions.clear();
    this.inbox = [];
    this.phoneCodes.clear();
    this.callCounts.clear();
  }
}
