import type { Operation } from '../faults/fault-rule-types.js';
import type { RecordedCall } from './recorded-call.js';

export type { RecordedCall } from './recorded-call.js';

/** How many calls the recorder keeps: a long test run must not grow the emulator without bound. */
export const RECORDED_CALLS_LIMIT = 200;

/** The most recent platform calls, oldest first, at most {@link RECORDED_CALLS_LIMIT}. */
export class CallRecorder {
  private calls: RecordedCall[] = [];

  record(call: RecordedCall): void {
    this.calls.push(call);
    if (this.calls.length > RECORDED_CALLS_LIMIT) this.calls.splice(0, this.calls.length - RECORDED_CALLS_LIMIT);
  }

  list(filter: { operation?: Operation; limit?: number } = {}): RecordedCall[] {
    const matching = filter.operation ? this.calls.filter((c) => c.operation === filter.operation) : this.calls;
    return matching.slice(-(filter.limit ?? RECORDED_CALLS_LIMIT)).map((c) => ({ ...c, headers: { ...c.headers } }));
  }

  clear(): void {
    this.calls = [];
  }
}
