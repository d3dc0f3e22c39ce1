import { isTokenInvalidError } from '../errors/douyin-errors.js';
import type { DouyinLogger } from '../logger.js';
import type { StoredToken, TokenKind, TokenStore } from './token-store.js';

/** A freshly fetched token as the platform returns it. */
export interface FetchedToken {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
}

/** Reported once per upstream fetch; never contains the token. */
export interface TokenFetchEvent {
  kind: TokenKind;
  appId: string;
  ok: boolean;
  /** Upstream fetches by this broker so far, this one included. */
  fetchCount: number;
  durationMs: number;
  expiresIn?: number;
}

export interface TokenBrokerOptions {
  kind: TokenKind;
  appId: string;
  store: TokenStore;
  /** Calls the platform (with its own retry policy). */
  fetch: () => Promise<FetchedToken>;
  logger: DouyinLogger;
  /** Epoch ms. Injectable for tests. */
  now?: () => number;
  /**
   * Refresh once less than this fraction of the lifetime is left. Default 0.5: the docs advise
   * refreshing 2-hour tokens about hourly.
   */
  refreshWhenRemainingFraction?: number;
  /**
   * A token this close to expiry is not handed out at all (clock skew, time in flight).
   * Default 60 s.
   */
  expirySafetyMs?: number;
  onFetch?: (event: TokenFetchEvent) => void;
}

/**
 * Holds one credential: serves the cached token, refreshes it early, shares one in-flight fetch
 * between concurrent callers, and recovers once from a token the platform rejects.
 */
export class TokenBroker {
  private readonly key: string;
  private readonly now: () => number;
  private readonly fraction: number;
  private readonly safetyMs: number;
  private inFlight: Promise<StoredToken> | undefined;
  private fetches = 0;

  constructor(private readonly options: TokenBrokerOptions) {
    this.key = `${options.kind}:${options.appId}`;
    this.now = options.now ?? Date.now;
    this.fraction = options.refreshWhenRemainingFraction ?? 0.5;
    this.safetyMs = options.expirySafetyMs ?? 60_000;
  }

  /** Upstream fetches made by this broker. */
  get fetchCount(): number {
    return this.fetches;
  }

  /** A valid token, fetching one only when the cached one is missing or due for refresh. */
  async getToken(): Promise<string> {
    const cached = await this.options.store.get(this.key);
    if (cached && !this.isDue(cached)) return cached.value;
    try {
      return (await this.refresh()).value;
    } catch (err) {
      // An early refresh failing is no reason to fail the call while the old token still works.
      if (cached && this.isUsable(cached)) {
        this.options.logger.warn('douyin token refresh failed; using the current token', { kind: this.options.kind });
        return cached.value;
      }
      throw err;
    }
  }

  /**
   * Runs `call` with a token; if the platform says the token is expired or invalid, drops it
   * (only if it is still the cached one), gets a fresh one and retries exactly once.
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getToken();
    try {
      return await call(token);
    } catch (err) {
      if (!isTokenInvalidError(err)) throw err;
      await this.invalidate(token);
      return call(await this.getToken());
    }
  }

  /** Forgets `failedToken` if it is still the stored one. */
  async invalidate(failedToken: string): Promise<boolean> {
    const removed = await this.options.store.invalidate(this.key, failedToken);
    this.options.logger.info('douyin token invalidated', { kind: this.options.kind, removed });
    return removed;
  }

  private isDue(token: StoredToken): boolean {
    const lifetime = token.expiresAt - token.obtainedAt;
    return !this.isUsable(token) || this.now() >= token.expiresAt - lifetime * this.fraction;
  }

  private isUsable(token: StoredToken): boolean {
    return this.now() < token.expiresAt - this.safetyMs;
  }

  /** Single flight within the process; the store's lock (if any) across processes. */
  private refresh(): Promise<StoredToken> {
    this.inFlight ??= this.lockedRefresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private lockedRefresh(): Promise<StoredToken> {
    const { store } = this.options;
    const run = async (): Promise<StoredToken> => {
      // Another instance may have refreshed while we waited for the lock.
      const current = await store.get(this.key, { fresh: true });
      if (current && !this.isDue(current)) return current;
      const token = await this.fetchUpstream();
      await store.save(this.key, token);
      return token;
    };
    return store.withRefreshLock ? store.withRefreshLock(this.key, run) : run();
  }

  private async fetchUpstream(): Promise<StoredToken> {
    const started = this.now();
    const count = ++this.fetches;
    const { kind, appId } = this.options;
    try {
      const fetched = await this.options.fetch();
      const obtainedAt = this.now();
      const event = { kind, appId, ok: true, fetchCount: count, durationMs: obtainedAt - started, expiresIn: fetched.expiresIn };
      this.options.logger.info('douyin token fetched', { ...event });
      this.options.onFetch?.(event);
      return { value: fetched.accessToken, obtainedAt, expiresAt: obtainedAt + fetched.expiresIn * 1000 };
    } catch (err) {
      const event = { kind, appId, ok: false, fetchCount: count, durationMs: this.now() - started };
      this.options.logger.warn('douyin token fetch failed', { ...event });
      this.options.onFetch?.(event);
      throw err;
    }
  }
}
