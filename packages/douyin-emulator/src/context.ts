import type { Clock } from './clock.js';
import type { ResolvedOptions } from './options.js';
import type { RandomSource } from './random.js';
import type { IssuedSecrets } from './issued-secrets.js';
import type { EmulatorStore } from './store/store.js';

/** The side-effect boundaries every service receives explicitly (no globals). */
export interface EmulatorContext {
  options: ResolvedOptions;
  store: EmulatorStore;
  clock: Clock;
  random: RandomSource;
  /** Every credential handed out, for leak checks in tests (never cleared by reset). */
  issued: IssuedSecrets;
}

/** An admin or device input problem: becomes HTTP 4xx with `{error}` (never a platform envelope). */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A failure the real `tt.*` API would report through its `fail` callback; the device endpoints
 * answer it with HTTP 422 and `{error, errMsg, errNo?, errCode?}`.
 */
export class TtFailure extends Error {
  constructor(
    readonly errMsg: string,
    readonly errNo?: number,
    readonly errCode?: number,
    /** The user has not agreed to the privacy agreement yet: createTt shows the privacy popup. */
    readonly privacyPending?: boolean,
  ) {
    super(errMsg);
  }
}
