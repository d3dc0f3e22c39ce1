/**
 * Runs one login per login code at a time: requests carrying the same code while the first is
 * still in flight (a double tap, a retry racing the original) share its upstream call and its
 * answer. Nothing is remembered once it settles: a login code is single-use, so the same code
 * again goes to Douyin and gets its 40018 (LOGIN_CODE_INVALID), exactly as without this API in
 * between; replaying an answered code must never hand out the first caller's token.
 *
 * In-process: it covers requests that reach the same instance. Hand-written because a map of
 * promises is all it is.
 */
export class LoginSingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = work();
    this.inFlight.set(key, promise);
    const forget = () => {
      this.inFlight.delete(key);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Logins in flight (for tests). */
  get size(): number {
    return this.inFlight.size;
  }
}
