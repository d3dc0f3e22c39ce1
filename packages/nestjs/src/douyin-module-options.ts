import type { DouyinClientOptions, TokenStore } from '@douyin-kit/douyin-client';
import type { PayloadFailureStore } from './session-payload/payload-failure-store.js';

/** Options of `DouyinModule.forRoot` (and what `forRootAsync`'s factory returns). */
export interface DouyinModuleOptions {
  /**
   * Options of the DouyinClient: appId and appSecret are required. `tokenStore` chooses where the
   * token brokers keep tokens (default: the client's InMemoryTokenStore, one process only; pass a
   * store shared by every instance when there are several). `logger` defaults to Nest's Logger.
   */
  client: DouyinClientOptions;
  /** Key of webhook signatures (the console's webhook verification key); default the app secret. */
  webhookSecret?: string;
  /** The failure budget of session payloads (see PayloadFailureBudget). */
  payloadFailures?: {
    /** Where failures are counted; default in-memory (one process only). */
    store?: PayloadFailureStore;
    /** Failed decryptions allowed per user per window; default 5. */
    budget?: number;
    /** Default 600. */
    windowSeconds?: number;
  };
  /** Refuse session payloads whose watermark timestamp is older than this; default: no age check. */
  maxWatermarkAgeSeconds?: number;
  /** The clock of the budget and the watermark age; default `() => new Date()`. */
  now?: () => Date;
}

/** The options with every default applied. */
export interface ResolvedDouyinOptions {
  appId: string;
  webhookSecret: string;
  hasPrivateKey: boolean;
  tokenStore: TokenStore;
  failureStore: PayloadFailureStore;
  budget: number;
  windowSeconds: number;
  maxWatermarkAgeSeconds: number | undefined;
  now: () => Date;
}

/** Injection token of ResolvedDouyinOptions. */
export const DOUYIN_RESOLVED_OPTIONS = Symbol('DOUYIN_RESOLVED_OPTIONS');
/** Injection token of the TokenStore the client's brokers use. */
export const DOUYIN_TOKEN_STORE = Symbol('DOUYIN_TOKEN_STORE');
/** Injection token of the app access token broker (`client.appTokens`). */
export const DOUYIN_APP_TOKEN_BROKER = Symbol('DOUYIN_APP_TOKEN_BROKER');
/** Injection token of the client_token broker (`client.clientTokens`). */
export const DOUYIN_CLIENT_TOKEN_BROKER = Symbol('DOUYIN_CLIENT_TOKEN_BROKER');
/** Injection token of the PayloadFailureStore in use. */
export const DOUYIN_PAYLOAD_FAILURE_STORE = Symbol('DOUYIN_PAYLOAD_FAILURE_STORE');
