import type { Clock } from './clock.js';
import type { SeedConfig } from './seed.js';

/**
 * Error numbers the platform docs leave unconfirmed (docs/douyin-platform.md marks them so).
 * The defaults are the doc's best guess; tests and users can change them.
 */
export interface ErrNoConfig {
  /** Unknown access_token / client_token on notify, query and phone APIs. */
  tokenInvalid: number;
  /** A token past its expiry (including the 5-minute overlap after a re-fetch). */
  tokenExpired: number;
  /** Send to a user with no one-time credit and no long-term subscription. */
  notSubscribed: number;
  /** v2 notify when the app's daily quota is used up (`notifyDailyQuota`). */
  quotaExhausted: number;
  /** v2 notify faster than one message per second per user. */
  v2RateLimited: number;
  /** v2 notify whose content holds a forbidden word (v1 uses the documented 1008). */
  v2ContentRejected: number;
  /** get_phonenumber_info with a code older than `phoneCodeTtlSeconds`. */
  phoneCodeExpired: number;
  /** get_phonenumber_info with an unknown or already used code. */
  phoneCodeInvalid: number;
}

/** Options of {@link startEmulator}. Every field has a default that matches the real platform. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free port. The CLI defaults to 8787. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Apps, users and templates created at start and restored by `POST /__emulator/reset`. */
  seed?: SeedConfig;
  /**
   * A JSON file that keeps the emulator's state across restarts: read at start (over the seed)
   * when it exists, written after each change and at close. Default: none (state in memory only).
   */
  stateFile?: string;
  /** RSA key size for generated app key pairs; default 2048 (1024 forces segmented RSA). */
  rsaModulusLength?: number;
  /** Lifetime of login and anonymous codes; default 300 s. */
  codeTtlSeconds?: number;
  /** Lifetime of app access tokens and client tokens; default 7200 s. */
  tokenTtlSeconds?: number;
  /** How long a token stays valid after a newer one is fetched; default 300 s. */
  tokenOverlapSeconds?: number;
  /** Lifetime of the new-flow phone code; default 300 s. */
  phoneCodeTtlSeconds?: number;
  /** Minimum gap between two delivered messages to one user; default 1000 ms. */
  notifyMinIntervalMs?: number;
  /** Messages per app per (emulated) day; default unlimited. */
  notifyDailyQuota?: number;
  /** client_token calls allowed per client_key in a sliding window; default 500 in 300 s. */
  clientTokenRateLimit?: { max: number; windowSeconds: number };
  /** Message values containing one of these are rejected (1008 on v1). */
  forbiddenWords?: string[];
  /** Unconfirmed error numbers; see {@link ErrNoConfig}. */
  errNos?: Partial<ErrNoConfig>;
  /** How long a webhook POST may take before it counts as unanswered; default 5000 ms (the platform's 5 s). */
  webhookTimeoutMs?: number;
  /**
   * Waits before each retry of an unanswered or non-2xx webhook POST; its length is the number of
   * retries. Default [1000, 5000, 30000] ms: 3 retries, as the platform documents (it does not
   * document the waits). Tests shorten them.
   */
  webhookRetryDelaysMs?: number[];
  /** Seed of the random source that decides whether a fault fires (default: Math.random). */
  randomSeed?: number;
  /** Replaces the random source entirely (values in [0, 1)). */
  random?: () => number;
  /** Replaces the emulated clock (default: wall clock plus the offset moved by /clock/advance). */
  clock?: Clock;
  /** Fastify request logging; default false. */
  logger?: boolean;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: SeedConfig;
  stateFile: string | null;
  rsaModulusLength: number;
  codeTtlSeconds: number;
  tokenTtlSeconds: number;
  tokenOverlapSeconds: number;
  phoneCodeTtlSeconds: number;
  notifyMinIntervalMs: number;
  notifyDailyQuota: number | null;
  clientTokenRateLimit: { max: number; windowSeconds: number };
  forbiddenWords: string[];
  errNos: ErrNoConfig;
  webhookTimeoutMs: number;
  webhookRetryDelaysMs: number[];
  logger: boolean;
}

export const DEFAULT_ERR_NOS: ErrNoConfig = {
  tokenInvalid: 28001003,
  tokenExpired: 28001008,
  notSubscribed: 28014043,
  quotaExhausted: 28014041,
  v2RateLimited: 28003018,
  v2ContentRejected: 28014001,
  phoneCodeExpired: 28005187,
  phoneCodeInvalid: 28001007,
};

export const DEFAULT_FORBIDDEN_WORDS = ['__forbidden__', '违禁词'];

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? {},
    stateFile: options.stateFile ?? null,
    rsaModulusLength: options.rsaModulusLength ?? 2048,
    codeTtlSeconds: options.codeTtlSeconds ?? 300,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    tokenOverlapSeconds: options.tokenOverlapSeconds ?? 300,
    phoneCodeTtlSeconds: options.phoneCodeTtlSeconds ?? 300,
    notifyMinIntervalMs: options.notifyMinIntervalMs ?? 1000,
    notifyDailyQuota: options.notifyDailyQuota ?? null,
    clientTokenRateLimit: options.clientTokenRateLimit ?? { max: 500, windowSeconds: 300 },
    forbiddenWords: options.forbiddenWords ?? DEFAULT_FORBIDDEN_WORDS,
    errNos: { ...DEFAULT_ERR_NOS, ...options.errNos },
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5000,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 5000, 30_000],
    logger: options.logger ?? false,
  };
}
