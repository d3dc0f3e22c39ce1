// Browser-safe: fetch and plain JS only. The H5 preview bundles `createTt`, which drives the
// device endpoints through this client.
import type {
  AdminApp,
  AppPrivacy,
  AdminInboxMessage,
  AdminIssuedToken,
  AdminSubscription,
  AdminTemplate,
  AdminUser,
  AdminWebhookDelivery,
  AdminWebhookVerification,
  CallCounts,
  ClockView,
  DeviceLogin,
  DeviceUser,
  DeviceUserProfile,
  FaultRule,
  FaultRuleInput,
  GeneratedApp,
  IssuedSecretsView,
  Operation,
  PhoneFlow,
  PhoneNumberDetail,
  RecordedCall,
  PrivacyApi,
  PrivacySettingView,
  SeedApp,
  SeedPrivacy,
  SeedTemplate,
  SeedUser,
  SubscribeInput,
  SubscribeOutcome,
} from './admin-types.js';

const PREFIX = '/__emulator';

/**
 * A non-2xx answer of the admin API. The message names the emulator's own error text, never the
 * body as a whole: device answers carry login and phone codes. `body` keeps the parsed answer
 * for callers that map it (createTt turns a 422 into the tt API's own failure).
 */
export class EmulatorAdminError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const reason = typeof body === 'object' && body !== null && 'error' in body ? ` ${String(body.error)}` : '';
    super(`emulator ${method} ${path}: HTTP ${status}${reason}`);
    this.name = 'EmulatorAdminError';
  }
}

/** Counts the calls a latency-only fault rule matched; see `EmulatorAdmin.countCalls`. */
export interface CallCounter {
  id: string;
  count(): Promise<number>;
  remove(): Promise<void>;
}

export interface EmulatorAdminOptions {
  /** fetch to use (default: global fetch). */
  fetch?: typeof fetch;
}

/**
 * Typed client of the emulator's admin API (`/__emulator`): the console side (apps, users,
 * templates), the device side (what tt.* produces on a phone) and inspection and control (inbox,
 * call counters, issued secrets, fault rules, clock, reset). Every test, e2e journey and bench
 * drives the emulator through it.
 */
export class EmulatorAdmin {
  readonly url: string;
  private readonly fetch: typeof fetch;

  constructor(url: string, options: EmulatorAdminOptions = {}) {
    this.url = url.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Any admin endpoint: `path` is below `/__emulator`. Throws EmulatorAdminError on a non-2xx answer. */
  async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(`${this.url}${PREFIX}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new EmulatorAdminError(method, path, response.status, json);
    return json as T;
  }

  // The console side.

  /** Registers a mini-program; with no `publicKeyPem`, the emulator generates its key pair. */
  createApp(input?: Omit<SeedApp, 'publicKeyPem'>): Promise<GeneratedApp>;
  createApp(input: SeedApp): Promise<AdminApp>;
  createApp(input: SeedApp = {}): Promise<AdminApp> {
    return this.request('POST', '/apps', input);
  }

  apps(): Promise<AdminApp[]> {
    return this.request('GET', '/apps');
  }

  /** One registered app (a seeded one's generated key pair, say); undefined when unknown. */
  async app(appid: string): Promise<AdminApp | undefined> {
    return (await this.apps()).find((app) => app.appid === appid);
  }

  /** A new user of `appid` (logged in to the host app unless `loggedIn: false`). */
  createUser(input: SeedUser): Promise<AdminUser> {
    return this.request('POST', '/users', input);
  }

  users(appid?: string): Promise<AdminUser[]> {
    return this.request('GET', `/users${query({ appid })}`);
  }

  createTemplate(input: SeedTemplate): Promise<AdminTemplate> {
    return this.request('POST', '/templates', input);
  }

  templates(appid?: string): Promise<AdminTemplate[]> {
    return this.request('GET', `/templates${query({ appid })}`);
  }

  /** Changes the app's privacy agreement (declared items, name, configured); fields left out stay. */
  setAppPrivacy(appid: string, privacy: SeedPrivacy): Promise<AppPrivacy> {
    return this.request('POST', `/apps/${encodeURIComponent(appid)}/privacy`, privacy);
  }

  /** Sets a user's privacy agreement: true agrees to what is declared now, false clears it. */
  setPrivacyAgreement(userId: string, agreed: boolean): Promise<PrivacySettingView> {
    return this.request('POST', `/users/${encodeURIComponent(userId)}/privacy`, { agreed });
  }

  // The device side: tt.* on the user's phone.

  /** tt.login: a fresh code (unless the user is not logged in to Douyin) and an anonymous code. */
  login(input: DeviceUser & { deviceId?: string }): Promise<DeviceLogin> {
    return this.request('POST', '/device/login', input);
  }

  checkSession(input: DeviceUser): Promise<{ valid: boolean }> {
    return this.request('POST', '/device/check-session', input);
  }

  userProfile(input: DeviceUser): Promise<DeviceUserProfile> {
    return this.request('POST', '/device/user-profile', input);
  }

  phoneNumber<F extends PhoneFlow>(input: DeviceUser & { flow: F }): Promise<PhoneNumberDetail<F>> {
    return this.request('POST', '/device/phone-number', input);
  }

  /** tt.getPrivacySetting. */
  privacySetting(input: DeviceUser): Promise<PrivacySettingView & { errMsg: string }> {
    return this.request('POST', '/device/privacy-setting', input);
  }

  /** The check a privacy API makes before it runs (422 when undeclared or not yet agreed). */
  privacyCheck(input: DeviceUser & { api: PrivacyApi }): Promise<{ ok: true }> {
    return this.request('POST', '/device/privacy-check', input);
  }

  /** The user agreed in the privacy popup. */
  agreePrivacy(input: DeviceUser): Promise<PrivacySettingView> {
    return this.request('POST', '/device/privacy-agree', input);
  }

  /** tt.requestSubscribeMessage and the user's choices in its popup (default accept). */
  subscribe(input: SubscribeInput): Promise<SubscribeOutcome> {
    return this.request('POST', '/device/subscribe', input);
  }

  // Inspection and control.

  /** Messages delivered by notify v1/v2, oldest first. */
  inbox(filter: { appid?: string; openid?: string } = {}): Promise<AdminInboxMessage[]> {
    return this.request('GET', `/inbox${query(filter)}`);
  }

  /** Upstream calls per operation since start (global to the emulator). */
  calls(): Promise<CallCounts> {
    return this.request('GET', '/calls');
  }

  /**
   * The most recent platform calls as received (method, path, content type, headers), oldest
   * first; the emulator keeps the last 200. Global to the emulator, like the counters.
   */
  recentCalls(filter: { operation?: Operation; limit?: number } = {}): Promise<RecordedCall[]> {
    return this.request('GET', `/calls/recent${query({ operation: filter.operation, limit: filter.limit?.toString() })}`);
  }

  /** The app access_tokens and client_tokens the store holds, masked, in issue order. */
  tokens(appid?: string): Promise<AdminIssuedToken[]> {
    return this.request('GET', `/tokens${query({ appid })}`);
  }

  /** Each user's standing per template (credits, long-term permission, ban). */
  subscriptions(appid?: string): Promise<AdminSubscription[]> {
    return this.request('GET', `/subscriptions${query({ appid })}`);
  }

  /** Every credential the emulator handed out since it started, by kind. */
  issuedSecrets(): Promise<IssuedSecretsView> {
    return this.request('GET', '/issued-secrets');
  }

  /**
   * Adds a fault rule. Rules are global to the emulator: where tests run in parallel, `match`
   * (e.g. `{ code }`, `{ appid }`) keeps a rule to the caller's own calls.
   */
  addFault(rule: FaultRuleInput): Promise<FaultRule> {
    return this.request('POST', '/faults', rule);
  }

  faults(): Promise<FaultRule[]> {
    return this.request('GET', '/faults');
  }

  /** How many times a rule fired so far (0 once it is gone). */
  async fired(id: string): Promise<number> {
    return (await this.faults()).find((rule) => rule.id === id)?.fired ?? 0;
  }

  removeFault(id: string): Promise<{ removed: number }> {
    return this.request('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<{ removed: number }> {
    return this.request('DELETE', '/faults');
  }

  /**
   * Counts the calls of `operation` whose fields equal `match` (the global counters count every
   * caller's): a rule that only adds `latencyMs` fires on, and counts, each such call without
   * changing its answer. `remove` ignores a rule already gone.
   */
  async countCalls(operation: Operation, match: Record<string, string>, latencyMs = 0): Promise<CallCounter> {
    const rule = await this.addFault({ operation, match, latencyMs });
    return {
      id: rule.id,
      count: () => this.fired(rule.id),
      remove: () =>
        this.removeFault(rule.id).then(
          () => undefined,
          () => undefined,
        ),
    };
  }

  clock(): Promise<ClockView> {
    return this.request('GET', '/clock');
  }

  /** Moves the emulated clock forward (token and code lifetimes), never back. */
  advanceClock(seconds: number): Promise<ClockView> {
    return this.request('POST', '/clock/advance', { seconds });
  }

  // Webhooks (the platform's event push).

  /**
   * Sets (or with null removes) the app's webhook URL. Like the console, the URL is first sent a
   * signed verify_webhook challenge and saved only when the answer echoes it; `verify: false`
   * saves it unchecked (a server not up yet). `secret` signs the pushes instead of the app secret
   * (the console's separate webhook key; null goes back to the app secret).
   */
  setWebhook(
    appid: string,
    url: string | null,
    options: { verify?: boolean; secret?: string | null } = {},
  ): Promise<{ appid: string; webhookUrl: string | null; verification: AdminWebhookVerification | null }> {
    return this.request('POST', `/apps/${encodeURIComponent(appid)}/webhook`, { url, ...options });
  }

  /** Sends the verify_webhook challenge to the app's URL now. */
  verifyWebhook(appid: string): Promise<AdminWebhookVerification> {
    return this.request('POST', `/apps/${encodeURIComponent(appid)}/webhook/verify`);
  }

  /** Pushes any event (content serialized to a string, as the platform does) with retries. */
  pushWebhook(input: { appid: string; event: string; fromUserId?: string | null; content: Record<string, unknown> }): Promise<AdminWebhookDelivery> {
    return this.request('POST', '/webhooks', input);
  }

  /** Every delivery (oldest first) with its attempts, status and response codes. */
  webhookDeliveries(filter: { appid?: string } = {}): Promise<AdminWebhookDelivery[]> {
    return this.request('GET', `/webhooks${query(filter)}`);
  }

  /** Sends a delivery again: same body, Msg-Id and signature (a platform retry). */
  redeliverWebhook(id: string): Promise<AdminWebhookDelivery> {
    return this.request('POST', `/webhooks/${encodeURIComponent(id)}/redeliver`);
  }

  /** Restores the seeded apps, users and templates; clears everything else, fault rules and the clock offset. */
  reset(): Promise<{ ok: true }> {
    return this.request('POST', '/reset');
  }
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.append(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
