import type { StoredToken } from './token-store.js';

/** How long a token read from the shared row is served from memory. */
export const DEFAULT_TOKEN_CACHE_TTL_MS = 5_000;

interface Entry {
  token: StoredToken;
  until: number;
}

/**
 * Process-local memory in front of the shared token row: every Douyin call asks the broker for
 * a token, and that hot path should not cost a database round trip.
 *
 * Why a short TTL (seconds) rather than "until the broker's refresh point": the row is shared,
 * and another instance may replace the token at any moment (its refresh, or its invalidation
 * after the platform refused the token). A token replaced by a refresh keeps working on the
 * platform for 5 more minutes (docs/douyin-platform.md §1), so serving it a few seconds longer is harmless; a token
 * the platform refused is caught by the broker's one retry, whose `invalidate` drops this entry.
 * A longer TTL would only save a query every few seconds per instance.
 *
 * Generations stop a slow read from overwriting a newer entry: a read that started before a
 * `put`/`drop` of the same key must not store what it found.
 */
export class TokenReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string): StoredToken | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return { ...entry.token };
  }

  /** Call before reading the row; pass the result to `putIfCurrent` with what was read. */
  generation(key: string): number {
    return this.generations.get(key) ?? 0;
  }

  /** Stores a token written or read by this process (and ends any older read's claim). */
  put(key: string, token: StoredToken): void {
    this.bump(key);
    // Never past the token's own expiry: an expired token must come from the row, not memory.
    this.entries.set(key, { token: { ...token }, until: Math.min(this.now() + this.ttlMs, token.expiresAt) });
  }

  /** Stores what a read found, unless the entry changed since the read began. */
  putIfCurrent(key: string, token: StoredToken, generation: number): void {
    if (this.generation(key) === generation) this.put(key, token);
  }

  drop(key: string): void {
    this.bump(key);
    this.entries.delete(key);
  }

  private bump(key: string): void {
    this.generations.set(key, this.generation(key) + 1);
  }
}
