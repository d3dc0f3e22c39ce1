import { type ClientTokenMode, type DouyinClientOptions, resolveBaseUrls } from './config.js';
import type { PhoneNumberPlaintext } from './crypto/phone-rsa.js';
import { silentLogger } from './logger.js';
import { RequestSender } from './request-sender.js';
import type { AppCredentials } from './resources/credentials.js';
import { type Code2SessionInput, type Code2SessionResult, LoginResource } from './resources/login.resource.js';
import {
  type NotifyResult,
  type NotifyV1Input,
  type NotifyV2Input,
  NotifyResource,
  type QueryUserSubscribeInput,
  type UserSubscribeStatus,
} from './resources/notify.resource.js';
import { PhoneResource } from './resources/phone.resource.js';
import { type PrivacySettingStatus, PrivacyResource } from './resources/privacy.resource.js';
import { TokensResource } from './resources/tokens.resource.js';
import { type FetchedToken, TokenBroker } from './tokens/token-broker.js';
import { InMemoryTokenStore } from './tokens/token-store.js';
import { AxiosTransport } from './transport/axios-transport.js';

/**
 * Client of the Douyin mini-program open platform. Create one per app and share it: it owns
 * the token brokers, and two brokers for one app would cut each other's tokens short.
 */
export class DouyinClient {
  /** Broker of the app access token (legacy apps APIs). */
  readonly appTokens: TokenBroker;
  /** Broker of the client_token (open.douyin.com APIs), fetching per `clientTokenMode`. */
  readonly clientTokens: TokenBroker;
  /** How `clientTokens` fetches: `/oauth/client_token/` or `/oauth/stable_client_token/`. */
  readonly clientTokenMode: ClientTokenMode;

  private readonly tokens: TokensResource;
  private readonly login: LoginResource;
  private readonly notify: NotifyResource;
  private readonly phone: PhoneResource;
  private readonly privacy: PrivacyResource;

  constructor(options: DouyinClientOptions) {
    if (!options.appId || !options.appSecret) throw new TypeError('DouyinClient needs appId and appSecret');
    const logger = options.logger ?? silentLogger;
    const transport =
      options.transport ??
      new AxiosTransport({
        baseUrls: resolveBaseUrls(options),
        connectTimeoutMs: options.connectTimeoutMs,
        proxy: options.proxy,
      });
    const sender = new RequestSender({
      ...options.retry,
      transport,
      logger,
      timeoutMs: options.timeoutMs ?? 10_000,
      appsFamily: options.useSandbox ? 'sandbox' : 'apps',
    });
    const credentials: AppCredentials = { appId: options.appId, appSecret: options.appSecret };
    this.tokens = new TokensResource(sender, credentials);
    const store = options.tokenStore ?? new InMemoryTokenStore();
    const broker = (kind: 'app_access_token' | 'client_token', fetch: () => Promise<FetchedToken>): TokenBroker =>
      new TokenBroker({
        kind,
        appId: options.appId,
        store,
        fetch,
        logger,
        now: options.now,
        refreshWhenRemainingFraction: options.tokenRefreshWhenRemainingFraction,
        onFetch: options.onTokenFetch,
      });
    this.appTokens = broker('app_access_token', () => this.tokens.fetchAppAccessToken());
    const mode = options.clientTokenMode ?? 'standard';
    if (mode !== 'standard' && mode !== 'stable') throw new TypeError(`clientTokenMode must be 'standard' or 'stable', not ${String(mode)}`);
    this.clientTokenMode = mode;
    this.clientTokens = broker('client_token', () => (mode === 'stable' ? this.tokens.fetchStableClientToken() : this.tokens.fetchClientToken()));
    this.login = new LoginResource(sender, credentials);
    this.notify = new NotifyResource(sender, options.appId, this.appTokens, this.clientTokens);
    this.phone = new PhoneResource(sender, options.appId, this.clientTokens, options.appPrivateKeyPem);
    this.privacy = new PrivacyResource(sender, this.clientTokens);
  }

  /**
   * Fetches a NEW app access token from the platform (POST /api/apps/v2/token). Each fetch cuts
   * the previous token's life to 5 minutes: use `appTokens.getToken()` for the cached one.
   */
  getAppAccessToken(): Promise<FetchedToken> {
    return this.tokens.fetchAppAccessToken();
  }

  /**
   * Fetches a NEW client_token (POST /oauth/client_token/); same caveat as `getAppAccessToken`,
   * use `clientTokens.getToken()` for the cached one.
   */
  getClientToken(): Promise<FetchedToken> {
    return this.tokens.fetchClientToken();
  }

  /**
   * Fetches the stable client_token (POST /oauth/stable_client_token/): the current one while it
   * is valid, so calling it cuts nothing. `expiresIn` is the time it has left.
   */
  getStableClientToken(): Promise<FetchedToken> {
    return this.tokens.fetchStableClientToken();
  }

  /**
   * Exchanges a login code and/or anonymous code for the session (single-use codes). Sent
   * together, Douyin answers no `anonymousOpenId`: exchange them in two calls to learn both.
   */
  code2Session(input: Code2SessionInput): Promise<Code2SessionResult> {
    return this.login.code2Session(input);
  }

  /** Sends a subscription message through the v1 API (flat string data). */
  notifyV1(input: NotifyV1Input): Promise<NotifyResult> {
    return this.notify.notifyV1(input);
  }

  /** Sends a subscription message through the v2 API (client_token). */
  notifyV2(input: NotifyV2Input): Promise<NotifyResult> {
    return this.notify.notifyV2(input);
  }

  /** Reads whether a user is subscribed to a template (v2 API). */
  queryUserSubscribe(input: QueryUserSubscribeInput): Promise<UserSubscribeStatus> {
    return this.notify.queryUserSubscribe(input);
  }

  /** Exchanges a phone code (new flow) and returns the decrypted phone number. */
  getPhoneNumberByCode(code: string): Promise<PhoneNumberPlaintext> {
    return this.phone.getPhoneNumberByCode(code);
  }

  /** Whether the app has configured its privacy agreement (mandatory for privacy APIs on the device). */
  queryPrivacySetting(): Promise<PrivacySettingStatus> {
    return this.privacy.queryPrivacySetting();
  }
}
