/** Eviction scans at most this often. */
const EVICT_INTERVAL_MS = 1000;

/**
 * Runs one login per login code at a time and remembers the answer briefly. A login code is
 * single-use upstream, so a retried request (a flaky network, a double tap) must share the
 * first request's upstream call and answer rather than get a 40018 for the second. Failures
 * are not remembered: the app will fetch a new code.
 *
 * In-process: it covers retries that reach the same instance. Hand-written because a map of
 * promises with an expiry is all it is.
 */
export class LoginSingleFlight<T> {
  private readonly entries = new Map<string, { promise: Promise<T>; expiresAt: number }>();
  private nextEvictionAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly retainMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  run(key: string, work: () => Promise<T>): Promise<T> {
    this.evictExpired();
    const existing = this.entries.get(key);
    // An expired entry may still be in the map until the next eviction: it answers nothing.
    if (existing && existing.expiresAt > this.now()) return existing.promise;
    const promise = work();
    this.entries.set(key, { promise, expiresAt: Number.POSITIVE_INFINITY });
    promise.then(
      () => this.entries.set(key, { promise, expiresAt: this.now() + this.retainMs }),
      () => this.entries.delete(key),
    );
    return promise;
  }

  /**
   * Drops expired entries, at most once per EVICT_INTERVAL_MS. A scan on every login cost
   * O(entries) each time: a minute of logins at a few hundred a second is tens of thousands of
   * entries (found by `pnpm bench`). Memory stays bounded all the same.
   */
  private evictExpired(): void {
    const now = this.now();
    if (now < this.nextEvictionAt) return;
    this.nextEvictionAt = now + EVICT_INTERVAL_MS;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
