import type { AxiosProxyConfig } from 'axios';
import type { DouyinLogger } from './logger.js';
import type { BackoffOptions } from './request-sender.js';
import type { TokenFetchEvent } from './tokens/token-broker.js';
import type { TokenStore } from './tokens/token-store.js';
import type { DouyinTransport, HostFamily } from './transport/transport.js';

/** Production hosts (docs/douyin-platform.md §0). */
export const DEFAULT_BASE_URLS: Readonly<Record<HostFamily, string>> = {
  apps: 'https://developer.toutiao.com',
  open: 'https://open.douyin.com',
  sandbox: 'https://open-sandbox.douyin.com',
};

/** Which endpoint the client_token broker uses; see `DouyinClientOptions.clientTokenMode`. */
export type ClientTokenMode = 'standard' | 'stable';

/** Options of `DouyinClient`. Only appId and appSecret are required. */
export interface DouyinClientOptions {
  appId: string;
  appSecret: string;
  /** PEM of the app RSA private key whose public half is registered in the console (phone by code). */
  appPrivateKeyPem?: string;
  /** One origin serving every host family, e.g. the local emulator. Overrides `baseUrls`. */
  baseUrl?: string;
  /** Per-family base URLs (scheme, host, optional port); unset ones keep production. */
  baseUrls?: Partial<Record<HostFamily, string>>;
  /** Send legacy-host calls (token, code2session, v1 notify) to the sandbox host. */
  useSandbox?: boolean;
  /** Whole-request timeout per attempt. Default 10 000 ms. */
  timeoutMs?: number;
  /** TCP + TLS handshake timeout. Default 3000 ms. */
  connectTimeoutMs?: number;
  /** Outbound proxy for the default transport; default none (environment proxies are ignored). */
  proxy?: AxiosProxyConfig | false;
  /** Retry budget and back-off; policies per operation are fixed (see README). */
  retry?: BackoffOptions;
  /** Replaces the axios transport (tests, custom HTTP stacks). */
  transport?: DouyinTransport;
  logger?: DouyinLogger;
  /** Token store shared by every instance of this app; default in-memory (one process only). */
  tokenStore?: TokenStore;
  /** Clock for token lifetimes, epoch ms. */
  now?: () => number;
  /**
   * How the client_token broker fetches: `standard` (default) calls `/oauth/client_token/`, each
   * fetch cutting the previous token, so every instance must share one `tokenStore`; `stable`
   * calls `/oauth/stable_client_token/`, which hands back the current token while it is valid,
   * for deployments whose instances cannot share a store (docs/douyin-platform.md §2).
   */
  clientTokenMode?: ClientTokenMode;
  /** Refresh a token once less than this fraction of its lifetime is left. Default 0.5. */
  tokenRefreshWhenRemainingFraction?: number;
  /** Called once per upstream token fetch (no token in the event). */
  onTokenFetch?: (event: TokenFetchEvent) => void;
}

/** Resolves the base URL of each family from the options. */
export function resolveBaseUrls(options: DouyinClientOptions): Record<HostFamily, string> {
  if (options.baseUrl) {
    return { apps: options.baseUrl, open: options.baseUrl, sandbox: options.baseUrl };
  }
  return { ...DEFAULT_BASE_URLS, ...stripUndefined(options.baseUrls ?? {}) };
}

function stripUndefined(urls: Partial<Record<HostFamily, string>>): Partial<Record<HostFamily, string>> {
  return Object.fromEntries(Object.entries(urls).filter(([, v]) => typeof v === 'string' && v !== ''));
}
