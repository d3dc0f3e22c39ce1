/**
 * Every expiry in the emulator (codes, tokens, rate limits, watermarks) reads this clock, so
 * tests can jump past a 2-hour token lifetime with `POST /__emulator/clock/advance`.
 */
export interface Clock {
  /** Milliseconds since the epoch, emulated. */
  now(): number;
  /** Moves the clock forward (never backward: expiries must stay monotonic). */
  advance(ms: number): void;
  /** Drops any offset (used by reset). */
  reset(): void;
}

/** Wall clock plus an offset: time still flows, so real waits and jumps combine naturally. */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock can only move forward');
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
