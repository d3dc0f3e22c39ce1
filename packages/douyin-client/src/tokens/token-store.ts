/** Which credential a token is. Each is cached and refreshed on its own. */
export type TokenKind = 'app_access_token' | 'client_token';

/** A token as stored. Times are epoch milliseconds of the broker's clock. */
export interface StoredToken {
  value: string;
  obtainedAt: number;
  expiresAt: number;
}

/**
 * Where brokers keep tokens. Every process and instance of one app must share one store, or
 * each refresh cuts the others' tokens to 5 minutes (docs/douyin-platform.md §1). `key`
 * combines kind and appid, e.g. `app_access_token:tt123`, so one table serves several apps.
 */
export interface TokenStore {
  /**
   * The stored token. `fresh`: the broker asks inside the refresh lock whether another
   * instance refreshed meanwhile, which only the shared store can say: a store that keeps a
   * copy in memory must read past it then.
   */
  get(key: string, options?: { fresh?: boolean }): Promise<StoredToken | undefined>;
  save(key: string, token: StoredToken): Promise<void>;
  /**
   * Forgets the token only if it is still `failedValue`: another instance may already have
   * stored a fresh one, which must survive a late report about the old one. Resolves whether
   * anything was removed. (SQL: `DELETE … WHERE key = $1 AND value = $2`.)
   */
  invalidate(key: string, failedValue: string): Promise<boolean>;
  /**
   * Optional cross-process lock around a refresh (e.g. a PostgreSQL advisory lock). The broker
   * re-reads the store inside it, so instances waiting on the lock reuse the winner's token.
   */
  withRefreshLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** Process-local store: fine for one instance and for tests. */
export class InMemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();

  async get(key: string): Promise<StoredToken | undefined> {
    const token = this.tokens.get(key);
    return token ? { ...token } : undefined;
  }

  async save(key: string, token: StoredToken): Promise<void> {
    this.tokens.set(key, { ...token });
  }

  async invalidate(key: string, failedValue: string): Promise<boolean> {
    if (this.tokens.get(key)?.value !== failedValue) return false;
    this.tokens.delete(key);
    return true;
  }
}
