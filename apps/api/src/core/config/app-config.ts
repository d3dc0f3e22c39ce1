import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { productionKeyProblems } from './production-keys.js';
import { defaultSubscriptionTemplates, ZSubscriptionTemplatesEnv, type ConfiguredTemplate } from './subscription-templates.config.js';

/**
 * Every environment variable the API reads, validated once at boot. Defaults make local
 * development work with nothing configured; `.env.example` documents each one.
 */
/**
 * Keys for local development and tests only: printed here on purpose, refused in production,
 * so a fresh clone runs with nothing configured but no deployment can run on them.
 */
const DEV_DATA_KEY = 'ZGV2LW9ubHktZGF0YS1rZXktbm90LWZvci1wcm9kISE=';
const DEV_DATA_KEYS = `dev1:${DEV_DATA_KEY}`;
const DEV_PHONE_HASH_KEY = 'ZGV2LW9ubHktcGhvbmUtaGFzaC1rZXktbm90LXByb2Q=';
/** Public on purpose (local development only): production refuses it. */
export const DEV_ADMIN_API_KEY = 'dev-only-admin-key-never-use-in-production';
/** Production refuses a key equal to any of these, whatever its id or variable. */
const DEV_SECRETS = [DEV_DATA_KEY, DEV_PHONE_HASH_KEY, DEV_ADMIN_API_KEY];

/** `true`/`false` (also 1/0, yes/no): z.coerce.boolean would read "false" as true. */
const ZFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** `id:base64key,id:base64key`: 32-byte AES keys, the first one current. */
const ZDataKeys = z.string().transform((raw, ctx) => {
  const keys = raw.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    return { id: id ?? '', key: Buffer.from(b64 ?? '', 'base64') };
  });
  const bad = keys.find((k) => !/^[A-Za-z0-9_-]{1,32}$/.test(k.id) || k.key.length !== 32);
  if (bad || new Set(keys.map((k) => k.id)).size !== keys.length) {
    ctx.addIssue({ code: 'custom', message: 'must be id:base64 pairs of 32-byte keys with unique ids, comma-separated' });
    return z.NEVER;
  }
  return keys;
});

/** `https://a.example,http://127.0.0.1:10086`: exact origins, no paths, no wildcards. */
const ZOrigins = z.string().transform((raw, ctx) => {
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin (scheme://host[:port], no path or trailing slash)` });
      return z.NEVER;
    }
  }
  return origins;
});

/** Where `pnpm dev` serves the H5 preview (Taro's dev server). */
export const DEV_H5_ORIGINS = ['http://127.0.0.1:10086', 'http://localhost:10086'];

/** Checked at boot so a bad key fails the start, not the first phone-number request. */
function isRsaPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

/**
 * `false` (default), or the proxies' addresses and CIDRs, comma-separated (`10.0.0.0/8,
 * 192.168.1.10`), or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`. Neither `true`
 * nor a hop count: either would believe an X-Forwarded-For sent straight to the API by a client
 * (Fastify itself ignores hop counts for that reason), which could then pick its own address.
 */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ZTrustProxy = z.string().transform((raw, ctx): false | string[] => {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => PROXY_RANGE_NAMES.has(entry) || isAddressOrCidr(entry))) return entries;
  ctx.addIssue({ code: 'custom', message: "must be false, or the proxies' addresses/CIDRs (or loopback, linklocal, uniquelocal), comma-separated" });
  return z.NEVER;
});

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .url({ error: 'is required (postgresql://user:password@host:port/database)' })
      .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgresql:// URL'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    /** Lifetime of an API session (the bearer token from POST /auth/login). */
    SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(90 * 24 * 3600)
      .default(7 * 24 * 3600),
    /** Live sessions one user may have; a login beyond it revokes the user's oldest. */
    SESSIONS_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
    /** How long an expired or revoked session is kept before the hourly purge deletes it. */
    SESSIONS_PURGE_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    /**
     * An anonymous user with no live session and no activity for this long is deleted with its
     * data by the hourly purge (kept while it has notifications: their history outlives no user).
     */
    ANONYMOUS_USER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Rows the purge deletes per statement (short locks); it loops until a batch comes back short. */
    SESSIONS_PURGE_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** Keys that encrypt session keys, phone numbers and tokens at rest; the first is current. */
    DATA_ENCRYPTION_KEYS: z.string().default(DEV_DATA_KEYS).pipe(ZDataKeys),
    /** HMAC key for phone-number lookup hashes (base64, at least 32 bytes). Never rotate casually. */
    PHONE_HASH_KEY: z
      .string()
      .default(DEV_PHONE_HASH_KEY)
      .transform((b64) => Buffer.from(b64, 'base64'))
      .refine((key) => key.length >= 32, 'must be base64 of at least 32 bytes'),
    /**
     * POST /auth/login attempts per client IP per minute; more answer 429 RATE_LIMITED. Raise it
     * when many users share one address (behind a NAT, or the API behind a proxy without trustProxy).
     */
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
    /**
     * Requests per client IP per minute to the admin routes, all together and counted before the
     * key is checked; more answer 429 RATE_LIMITED. Raise it for a back end that queues more
     * notifications than that from one address.
     */
    ADMIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /**
     * POST /me/subscriptions per session per minute; more answer 429 RATE_LIMITED. A real user
     * taps a subscribe button a few times a minute at most.
     */
    SUBSCRIPTION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
    /**
     * One-time credits one user may hold per template; a post that would add more answers 409
     * SUBSCRIPTION_CREDIT_LIMIT and records nothing. Far above real use: it bounds a script.
     */
    SUBSCRIPTION_CREDIT_LIMIT: z.coerce.number().int().min(1).max(100_000).default(50),
    /**
     * Browser origins allowed to call the API (comma-separated `scheme://host[:port]`), i.e. the
     * H5 preview. Mini-programs are not browsers and need no CORS. Unset: the H5 dev server's
     * origins in development, none (CORS off) otherwise.
     */
    CORS_ORIGINS: ZOrigins.optional(),
    /** Largest accepted request body. Douyin payloads are a few KiB. */
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(64 * 1024),
    /** The mini-program's appid. `pnpm dev` sets it to the local emulator's app when unset. */
    DOUYIN_APP_ID: z.string({ error: 'is required (the mini-program appid, tt…)' }).trim().min(1).max(64),
    /** The app secret from the Douyin console. Never logged, never sent to a client. */
    DOUYIN_APP_SECRET: z.string({ error: 'is required (the app secret from the Douyin console)' }).min(1),
    /** Legacy apps API host (token, jscode2session, v1 notify). */
    DOUYIN_APPS_BASE_URL: z.url().default('https://developer.toutiao.com'),
    /** Open platform host (client_token, v2 notify, phone-by-code). */
    DOUYIN_OPEN_BASE_URL: z.url().default('https://open.douyin.com'),
    /**
     * PEM RSA private key whose public half is registered in the Douyin console; needed only for
     * the phone-number-by-code flow. Env files often hold it on one line with `\n` escapes.
     */
    DOUYIN_APP_PRIVATE_KEY: z
      .string()
      .optional()
      .transform((pem) => (pem?.trim() ? pem.trim().replace(/\\r\\n|\\n/g, '\n') : undefined))
      .refine((pem) => pem === undefined || isRsaPrivateKey(pem), {
        error: 'must be a PEM RSA private key (-----BEGIN PRIVATE KEY----- …), newlines real or written as \\n',
      }),
    /**
     * The subscription templates the app uses (JSON array of {templateId, title, kind, api,
     * keywords}), upserted into the registry at boot. Unset in development on the emulator's dev app: its dev templates.
     */
    SUBSCRIPTION_TEMPLATES: ZSubscriptionTemplatesEnv,
    /** Key for the admin routes (`x-admin-key` header), at least 32 characters. Secret. */
    ADMIN_API_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_ADMIN_API_KEY),
    /** Whether this process also runs the notification workers; false for API-only instances. */
    NOTIFY_WORKERS_IN_PROCESS: ZFlag.default(true),
    /** Messages one process sends at the same time. */
    NOTIFY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** Retries of a message after a retryable failure (busy, rate-limited, never connected). */
    NOTIFY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(6),
    /** First retry delay; doubled (with jitter) on each retry. */
    NOTIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
    /**
     * A job still active after this long is presumed abandoned (crashed worker) and retried. Must
     * exceed the longest send (client timeouts and token refresh): 120 s by default.
     */
    NOTIFY_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    /**
     * Re-send a long-term message whose send timed out (at-least-once; may reach the user twice).
     * Off: such a message ends dead with OUTCOME_UNKNOWN (at-most-once). One-time never re-sends.
     */
    NOTIFY_RETRY_AFTER_TIMEOUT: ZFlag.default(false),
    /**
     * Douyin's webhooks are configured for this app (console → 开发配置 → Webhooks →
     * https://<api>/webhooks/douyin, user_subscribe_action subscribed). Then a message whose consent
     * only the mini-program reported is checked with query_user_subscribe before it is sent.
     * Off: consents are trusted as reported (events that arrive are still verified and recorded).
     */
    DOUYIN_WEBHOOKS: ZFlag.default(false),
    /**
     * The key Douyin signs webhook pushes with (X-Douyin-Signature = sha1(key + body)). The
     * open-platform docs name the app secret; the mini-app console issues a separate webhook
     * verification key when webhooks are enabled (开发配置 → Webhooks → 立即启用). Unset: the app
     * secret. Never logged.
     */
    DOUYIN_WEBHOOK_SECRET: z.string().min(1).optional(),
    /**
     * At start, ask Douyin whether the app has configured its privacy agreement (privacy APIs
     * fail on devices without it) and report it on /ready and as a warning: `auto` (default) does
     * so in production only, `on` always (e.g. against the emulator), `off` never. Never blocks start.
     */
    DOUYIN_PRIVACY_CHECK: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Per-attempt timeout of a Douyin API call. */
    DOUYIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /**
     * Longest a call that needs a token waits while another instance refreshes it, before it
     * gives up with a 503 and Retry-After (a request) or is retried later (a worker's send). A
     * refresh that goes through Douyin's retries can take ~35 s: no request hangs for it.
     */
    DOUYIN_TOKEN_LOCK_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /**
     * How the client_token is fetched (docs/douyin-platform.md §2): `standard` (/oauth/client_token/,
     * each fetch cutting the previous token; every instance shares the token in PostgreSQL) or
     * `stable` (/oauth/stable_client_token/, the same token while it is valid), for deployments
     * whose processes cannot share one token store.
     */
    DOUYIN_CLIENT_TOKEN_MODE: z.enum(['standard', 'stable'], { error: 'must be standard or stable' }).default('standard'),
    /**
     * After SIGTERM/SIGINT: how long in-flight requests and notification sends get to finish
     * before they are cut off (sends still running are handed back to the queue) and the process
     * exits. Keep it below the orchestrator's grace period (Kubernetes: 30 s by default).
     */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
    /** Connections in the API's database pool (Prisma and the hot reads share it). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Longest wait for a pooled connection: opening one, or a free one when all are busy. */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    /** Server-side `statement_timeout` of the API's queries: PostgreSQL cancels a longer one. */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    /** Server-side `lock_timeout`: a query waiting this long for a row or table lock gives up. */
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(1000),
    /**
     * Client-side limit of a query, for a database that does not answer at all (network stall);
     * above DATABASE_STATEMENT_TIMEOUT_MS so the server normally cancels first.
     */
    DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(6000),
    /** Time a client gets to send a whole request, headers and body (slow uploads are cut off). */
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** Time a client gets to send the request headers. At most HTTP_REQUEST_TIMEOUT_MS. */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
    /**
     * A socket with no traffic this long is closed. Above the longest request (Douyin calls) and
     * above Fastify's 72 s keep-alive, which outlasts load balancers' 60 s idle timeouts.
     */
    HTTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(80_000),
    /** Shed load (503 SERVER_BUSY) while the event loop lags more than this; 0 turns it off. */
    SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    /** Shed load while the V8 heap in use exceeds this many MiB; 0 (default) turns it off. */
    SHED_HEAP_USED_MB: z.coerce.number().int().min(0).max(65_536).default(0),
    /**
     * Reverse proxies whose X-Forwarded-For the API believes (client address for the per-IP
     * limits): false, or the proxies' addresses/CIDRs. Off by default.
     */
    TRUST_PROXY: z.string().default('false').pipe(ZTrustProxy),
    /**
     * Failed decryptions of client-encrypted payloads (POST /me/profile, POST /me/phone with
     * encryptedData) one user may cause per window, all instances together. The one that reaches
     * it revokes the session and answers 429; until the window frees a slot every such request of
     * the user answers 429 without decrypting. A real user needs one or two (a stale key).
     */
    PAYLOAD_FAILURE_BUDGET: z.coerce.number().int().min(1).max(1000).default(5),
    /** The sliding window of PAYLOAD_FAILURE_BUDGET. */
    PAYLOAD_FAILURE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3600)
      .default(600),
  })
  .superRefine((env, ctx) => {
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
    }
    if (env.DATABASE_QUERY_TIMEOUT_MS <= env.DATABASE_STATEMENT_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_QUERY_TIMEOUT_MS'], message: 'must exceed DATABASE_STATEMENT_TIMEOUT_MS' });
    }
    // Plain HTTP is for the local emulator only: production talks to Douyin over verified TLS.
    if (env.NODE_ENV !== 'production') return;
    const keys = { dataKeys: env.DATA_ENCRYPTION_KEYS, phoneHashKey: env.PHONE_HASH_KEY, adminApiKey: env.ADMIN_API_KEY };
    for (const problem of productionKeyProblems(keys, DEV_SECRETS)) {
      ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
    }
    for (const key of ['DOUYIN_APPS_BASE_URL', 'DOUYIN_OPEN_BASE_URL'] as const) {
      if (!env[key].startsWith('https://')) ctx.addIssue({ code: 'custom', path: [key], message: 'must be https:// in production' });
    }
  });
export type TEnv = z.infer<typeof ZEnv>;
export const ENV_KEYS = Object.keys(ZEnv.shape) as (keyof TEnv)[];

export class InvalidConfigError extends Error {
  override name = 'InvalidConfigError';
}

/** Parses raw env, throwing one error that names every bad variable (never its value). */
export function parseEnv(raw: Record<string, unknown>): TEnv {
  const result = ZEnv.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new InvalidConfigError(`Invalid environment configuration:\n${problems.join('\n')}`);
}

/** The typed configuration the rest of the API injects. */
export class AppConfig {
  readonly env: TEnv['NODE_ENV'];
  readonly http: { host: string; port: number; bodyLimitBytes: number; corsOrigins: readonly string[] };
  readonly database: {
    url: string;
    poolSize: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    lockTimeoutMs: number;
    queryTimeoutMs: number;
  };
  /** Bounds on slow clients and overload (bootstrap.ts, http/). */
  readonly server: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    connectionTimeoutMs: number;
    trustProxy: false | string[];
    shedEventLoopDelayMs: number;
    shedHeapUsedBytes: number;
  };
  readonly logLevel: TEnv['LOG_LEVEL'];
  readonly douyin: {
    appId: string;
    appSecret: string;
    appsBaseUrl: string;
    openBaseUrl: string;
    timeoutMs: number;
    /** How long a call waits for another instance's token refresh (DOUYIN_TOKEN_LOCK_WAIT_MS). */
    tokenLockWaitMs: number;
    clientTokenMode: 'standard' | 'stable';
    appPrivateKeyPem?: string;
    webhooks: boolean;
    /** Signs webhook pushes: DOUYIN_WEBHOOK_SECRET, or the app secret. */
    webhookSecret: string;
    /** Ask at start whether the privacy agreement is configured (DOUYIN_PRIVACY_CHECK resolved). */
    privacyCheck: boolean;
  };
  readonly sessions: { ttlSeconds: number; maxPerUser: number };
  readonly retention: { sessionGraceDays: number; anonymousUserDays: number; batchSize: number };
  readonly rateLimits: { loginPerMinute: number; adminPerMinute: number };
  readonly encryption: { dataKeys: { id: string; key: Buffer }[]; phoneHashKey: Buffer };
  readonly subscriptions: { templates: readonly ConfiguredTemplate[]; ratePerMinute: number; creditLimit: number };
  readonly admin: { apiKey: string };
  readonly shutdown: { timeoutMs: number };
  readonly payloadFailures: { budget: number; windowSeconds: number };
  readonly notifications: {
    workersInProcess: boolean;
    concurrency: number;
    retryLimit: number;
    retryDelaySeconds: number;
    expireSeconds: number;
    retryAfterTimeout: boolean;
  };

  constructor(env: TEnv) {
    this.env = env.NODE_ENV;
    this.http = {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: env.CORS_ORIGINS ?? (env.NODE_ENV === 'development' ? DEV_H5_ORIGINS : []),
    };
    this.database = {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
      queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    };
    this.server = {
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      connectionTimeoutMs: env.HTTP_CONNECTION_TIMEOUT_MS,
      trustProxy: env.TRUST_PROXY,
      shedEventLoopDelayMs: env.SHED_EVENT_LOOP_DELAY_MS,
      shedHeapUsedBytes: env.SHED_HEAP_USED_MB * 1024 * 1024,
    };
    this.logLevel = env.LOG_LEVEL;
    this.douyin = {
      appId: env.DOUYIN_APP_ID,
      appSecret: env.DOUYIN_APP_SECRET,
      appsBaseUrl: env.DOUYIN_APPS_BASE_URL,
      openBaseUrl: env.DOUYIN_OPEN_BASE_URL,
      timeoutMs: env.DOUYIN_TIMEOUT_MS,
      tokenLockWaitMs: env.DOUYIN_TOKEN_LOCK_WAIT_MS,
      clientTokenMode: env.DOUYIN_CLIENT_TOKEN_MODE,
      webhooks: env.DOUYIN_WEBHOOKS,
      webhookSecret: env.DOUYIN_WEBHOOK_SECRET ?? env.DOUYIN_APP_SECRET,
      privacyCheck: env.DOUYIN_PRIVACY_CHECK === 'on' || (env.DOUYIN_PRIVACY_CHECK === 'auto' && env.NODE_ENV === 'production'),
      ...(env.DOUYIN_APP_PRIVATE_KEY ? { appPrivateKeyPem: env.DOUYIN_APP_PRIVATE_KEY } : {}),
    };
    this.sessions = { ttlSeconds: env.SESSION_TTL_SECONDS, maxPerUser: env.SESSIONS_MAX_PER_USER };
    this.retention = {
      sessionGraceDays: env.SESSIONS_PURGE_GRACE_DAYS,
      anonymousUserDays: env.ANONYMOUS_USER_RETENTION_DAYS,
      batchSize: env.SESSIONS_PURGE_BATCH_SIZE,
    };
    this.rateLimits = { loginPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE, adminPerMinute: env.ADMIN_RATE_LIMIT_PER_MINUTE };
    this.encryption = { dataKeys: env.DATA_ENCRYPTION_KEYS, phoneHashKey: env.PHONE_HASH_KEY };
    this.admin = { apiKey: env.ADMIN_API_KEY };
    this.shutdown = { timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000 };
    this.payloadFailures = { budget: env.PAYLOAD_FAILURE_BUDGET, windowSeconds: env.PAYLOAD_FAILURE_WINDOW_SECONDS };
    this.notifications = {
      workersInProcess: env.NOTIFY_WORKERS_IN_PROCESS,
      concurrency: env.NOTIFY_WORKER_CONCURRENCY,
      retryLimit: env.NOTIFY_RETRY_LIMIT,
      retryDelaySeconds: env.NOTIFY_RETRY_DELAY_SECONDS,
      expireSeconds: env.NOTIFY_JOB_EXPIRE_SECONDS,
      retryAfterTimeout: env.NOTIFY_RETRY_AFTER_TIMEOUT,
    };
    this.subscriptions = {
      templates: env.SUBSCRIPTION_TEMPLATES ?? defaultSubscriptionTemplates(env.NODE_ENV, env.DOUYIN_APP_ID),
      ratePerMinute: env.SUBSCRIPTION_RATE_LIMIT_PER_MINUTE,
      creditLimit: env.SUBSCRIPTION_CREDIT_LIMIT,
    };
  }
}
