import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { AppConfig, DEV_ADMIN_API_KEY, InvalidConfigError, parseEnv } from './app-config.js';
import { lowEntropyReason, MIN_DISTINCT_ADMIN_KEY_CHARS, MIN_DISTINCT_KEY_BYTES, productionKeyProblems } from './production-keys.js';

const DATABASE_URL = 'postgresql://app:secret-password@db:5432/app';
const DOUYIN = { DOUYIN_APP_ID: 'tt0123456789abcdef', DOUYIN_APP_SECRET: 'app-secret-value' };

describe('parseEnv', () => {
  it('needs only DATABASE_URL and defaults the rest for local development', () => {
    const config = new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN }));
    expect(config.http).toEqual({
      host: '127.0.0.1',
      port: 3000,
      bodyLimitBytes: 65536,
      corsOrigins: ['http://127.0.0.1:10086', 'http://localhost:10086'],
    });
    expect(config.env).toBe('development');
    expect(config.douyin).toEqual({
      appId: 'tt0123456789abcdef',
      appSecret: 'app-secret-value',
      appsBaseUrl: 'https://developer.toutiao.com',
      openBaseUrl: 'https://open.douyin.com',
      timeoutMs: 10_000,
      tokenLockWaitMs: 5_000,
      clientTokenMode: 'standard',
      privacyCheck: false,
      // Off until the console's webhooks are configured: consents are trusted as reported.
      webhooks: false,
      webhookSecret: 'app-secret-value',
    });
    expect(config.subscriptions).toMatchObject({ ratePerMinute: 30, creditLimit: 50 });
  });

  it('reads DOUYIN_CLIENT_TOKEN_MODE: standard by default, stable on request, anything else refused by name', () => {
    const mode = (value?: string) =>
      new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, ...(value === undefined ? {} : { DOUYIN_CLIENT_TOKEN_MODE: value }) })).douyin
        .clientTokenMode;
    expect(mode()).toBe('standard');
    expect(mode('stable')).toBe('stable');
    expect(() => mode('sometimes')).toThrow(/DOUYIN_CLIENT_TOKEN_MODE: must be standard or stable/);
  });

  it('checks the privacy agreement at start in production by default, or as DOUYIN_PRIVACY_CHECK says', () => {
    const privacyCheck = (env: Record<string, string>) => new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, ...env })).douyin.privacyCheck;
    expect(privacyCheck({ NODE_ENV: 'test' })).toBe(false);
    expect(privacyCheck({ NODE_ENV: 'test', DOUYIN_PRIVACY_CHECK: 'on' })).toBe(true);
    expect(privacyCheck({ DOUYIN_PRIVACY_CHECK: 'off' })).toBe(false);
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, DOUYIN_PRIVACY_CHECK: 'yes' })).toThrow(/DOUYIN_PRIVACY_CHECK/);
  });

  it('allows browser origins only when listed, and none by default outside development', () => {
    const origins = 'https://preview.example.com,http://127.0.0.1:10086';
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, CORS_ORIGINS: origins })).http.corsOrigins).toEqual([
      'https://preview.example.com',
      'http://127.0.0.1:10086',
    ]);
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, NODE_ENV: 'test' })).http.corsOrigins).toEqual([]);
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, CORS_ORIGINS: '' })).http.corsOrigins).toEqual([]);
    for (const bad of ['*', 'https://a.example/', 'https://a.example/path', 'ftp://a.example']) {
      expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS: .* is not an origin/);
    }
  });

  it('coerces numeric variables', () => {
    expect(parseEnv({ DATABASE_URL, ...DOUYIN, PORT: '8080' }).PORT).toBe(8080);
  });

  it('defaults the payload failure budget to 5 per 10 minutes, and refuses one that cannot work', () => {
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN })).payloadFailures).toEqual({ budget: 5, windowSeconds: 600 });
    const set = { PAYLOAD_FAILURE_BUDGET: '3', PAYLOAD_FAILURE_WINDOW_SECONDS: '3600' };
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, ...set })).payloadFailures).toEqual({ budget: 3, windowSeconds: 3600 });
    for (const bad of [
      { PAYLOAD_FAILURE_BUDGET: '0' },
      { PAYLOAD_FAILURE_BUDGET: '2.5' },
      { PAYLOAD_FAILURE_WINDOW_SECONDS: '0' },
      { PAYLOAD_FAILURE_WINDOW_SECONDS: 'ten' },
    ]) {
      expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, ...bad })).toThrow(new RegExp(Object.keys(bad)[0]!));
    }
  });

  it('names every bad variable and never echoes a value', () => {
    let error: unknown;
    try {
      parseEnv({ ...DOUYIN, DATABASE_URL: 'mysql://u:secret-password@h/db', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/LOG_LEVEL:/);
    expect(message).not.toContain('secret-password');
  });

  it('reports missing required variables by name', () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL: is required/);
    expect(() => parseEnv({})).toThrow(/DOUYIN_APP_ID: is required/);
    expect(() => parseEnv({})).toThrow(/DOUYIN_APP_SECRET: is required/);
  });

  it('allows plain-HTTP Douyin hosts (the local emulator) except in production', () => {
    const local = { DATABASE_URL, ...DOUYIN, DOUYIN_APPS_BASE_URL: 'http://127.0.0.1:8787' };
    expect(parseEnv(local).DOUYIN_APPS_BASE_URL).toBe('http://127.0.0.1:8787');
    expect(() => parseEnv({ ...local, NODE_ENV: 'production' })).toThrow(/DOUYIN_APPS_BASE_URL: must be https:\/\/ in production/);
  });

  it('reads DOUYIN_APP_PRIVATE_KEY with real or \\n-escaped newlines, and refuses a bad key without echoing it', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const escaped = pem.trim().replace(/\n/g, '\\n');
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, DOUYIN_APP_PRIVATE_KEY: escaped })).douyin.appPrivateKeyPem).toBe(pem.trim());
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, DOUYIN_APP_PRIVATE_KEY: pem })).douyin.appPrivateKeyPem).toBe(pem.trim());
    expect(new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN })).douyin.appPrivateKeyPem).toBeUndefined();

    const bad = '-----BEGIN PRIVATE KEY-----\nbm90LWEta2V5LXNlY3JldA==\n-----END PRIVATE KEY-----';
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, DOUYIN_APP_PRIVATE_KEY: bad })).toThrow(/DOUYIN_APP_PRIVATE_KEY: must be a PEM RSA private key/);
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, DOUYIN_APP_PRIVATE_KEY: bad })).not.toThrow(/bm90LWEta2V5/);
  });
});

describe('production keys, checked by value', () => {
  const DEV_DATA_KEY = 'ZGV2LW9ubHktZGF0YS1rZXktbm90LWZvci1wcm9kISE=';
  const DEV_PHONE_HASH_KEY = 'ZGV2LW9ubHktcGhvbmUtaGFzaC1rZXktbm90LXByb2Q=';
  const b64 = (key: Buffer) => key.toString('base64');
  const dataKey = b64(randomBytes(32));
  const phoneKey = b64(randomBytes(32));
  const adminKey = randomBytes(32).toString('hex');
  const production = {
    DATABASE_URL,
    ...DOUYIN,
    NODE_ENV: 'production',
    DATA_ENCRYPTION_KEYS: `k20261206:${dataKey}`,
    PHONE_HASH_KEY: phoneKey,
    ADMIN_API_KEY: adminKey,
  };

  /** The message parseEnv refuses `env` with; fails the test when it accepts it. */
  function refusal(env: Record<string, string>): string {
    try {
      parseEnv(env);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      return (error as Error).message;
    }
    throw new Error('parseEnv accepted the configuration');
  }

  /** The first 32 digits of pi as text: 9 distinct bytes with no period, too few for a random key. */
  const fewDistinct = Buffer.from('31415926535897932384626433832795');

  it('accepts random keys from `openssl rand`, and keeps the unset defaults refused', () => {
    expect(() => parseEnv(production)).not.toThrow();
    // Production checks the privacy agreement at start unless told not to (DOUYIN_PRIVACY_CHECK=auto).
    expect(new AppConfig(parseEnv(production)).douyin.privacyCheck).toBe(true);
    expect(new AppConfig(parseEnv({ ...production, DOUYIN_PRIVACY_CHECK: 'off' })).douyin.privacyCheck).toBe(false);
    const unset = refusal({ DATABASE_URL, ...DOUYIN, NODE_ENV: 'production' });
    expect(unset).toMatch(/DATA_ENCRYPTION_KEYS: must be set in production: key "dev1" is a public development key/);
    expect(unset).toMatch(/PHONE_HASH_KEY: must be set in production/);
    expect(unset).toMatch(/ADMIN_API_KEY: must be set in production/);
  });

  it('refuses a development key whatever its id or variable, without echoing it', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ DATA_ENCRYPTION_KEYS: `prod1:${DEV_DATA_KEY}` }, /DATA_ENCRYPTION_KEYS: must be set in production: key "prod1" is a public development key/],
      [{ DATA_ENCRYPTION_KEYS: `k2:${dataKey},old:${DEV_PHONE_HASH_KEY}` }, /DATA_ENCRYPTION_KEYS: .*key "old" is a public development key/],
      [{ PHONE_HASH_KEY: DEV_DATA_KEY }, /PHONE_HASH_KEY: must be set in production: it is a public development key/],
      [{ ADMIN_API_KEY: DEV_ADMIN_API_KEY }, /ADMIN_API_KEY: must be set in production: it is a public development value/],
      [{ ADMIN_API_KEY: DEV_PHONE_HASH_KEY }, /ADMIN_API_KEY: must be set in production/],
      [{ ADMIN_API_KEY: Buffer.from(DEV_DATA_KEY, 'base64').toString('utf8') }, /ADMIN_API_KEY: must be set in production/],
    ];
    for (const [override, expected] of cases) {
      const message = refusal({ ...production, ...override });
      expect(message).toMatch(expected);
      for (const value of Object.values(override)) expect(message).not.toContain(value.split(':').pop());
      expect(message).not.toContain(dataKey);
    }
  });

  it('refuses keys that are obviously not random: one byte, a repeated pattern, too few distinct bytes', () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.alloc(32), /is one byte repeated/],
      [Buffer.alloc(32, 0xff), /is one byte repeated/],
      [Buffer.from('ab'.repeat(16)), /repeats a pattern of 2 bytes/],
      [Buffer.alloc(32).fill(Buffer.from([0x9e, 0x11, 0x5a, 0x03, 0xc7, 0x80, 0x2b, 0xf4])), /repeats a pattern of 8 bytes/],
      [fewDistinct, /has only 9 distinct bytes \(at least 16 required\)/],
    ];
    for (const [key, expected] of cases) {
      const data = refusal({ ...production, DATA_ENCRYPTION_KEYS: `k2:${b64(key)}` });
      expect(data).toMatch(new RegExp(`DATA_ENCRYPTION_KEYS: key "k2" ${expected.source}, not a random key; generate each key with`));
      expect(data).not.toContain(b64(key));
      const phone = refusal({ ...production, PHONE_HASH_KEY: b64(key) });
      expect(phone).toMatch(new RegExp(`PHONE_HASH_KEY: ${expected.source}`));
      expect(phone).not.toContain(b64(key));
    }
    // A long hash key that repeats a short pattern is no better.
    expect(refusal({ ...production, PHONE_HASH_KEY: b64(Buffer.alloc(64).fill('xyz')) })).toMatch(/PHONE_HASH_KEY: repeats a pattern of 3 bytes/);
  });

  it('refuses an admin key that is one character, a repeated pattern or a handful of characters', () => {
    const cases: [string, RegExp][] = [
      ['a'.repeat(40), /is one character repeated/],
      ['0'.repeat(64), /is one character repeated/],
      ['abc'.repeat(12), /repeats a pattern of 3 characters/],
      ['password'.repeat(4), /repeats a pattern of 8 characters/],
      [`${'1'.repeat(28)}23451`, /has only 5 distinct characters \(at least 6 required\)/],
    ];
    for (const [key, expected] of cases) {
      const message = refusal({ ...production, ADMIN_API_KEY: key });
      expect(message).toMatch(new RegExp(`ADMIN_API_KEY: ${expected.source}, not a random key; generate it with`));
      expect(message).not.toContain(key);
    }
  });

  it('refuses one key serving two purposes', () => {
    expect(refusal({ ...production, PHONE_HASH_KEY: dataKey })).toMatch(
      /PHONE_HASH_KEY: is the same key as DATA_ENCRYPTION_KEYS key "k20261206" \(one key, one purpose\)/,
    );
    expect(refusal({ ...production, DATA_ENCRYPTION_KEYS: `new:${dataKey},old:${dataKey}` })).toMatch(
      /DATA_ENCRYPTION_KEYS: keys "new" and "old" are the same key/,
    );
    for (const admin of [dataKey, Buffer.from(dataKey, 'base64').toString('hex'), phoneKey]) {
      const message = refusal({ ...production, ADMIN_API_KEY: admin });
      expect(message).toMatch(/ADMIN_API_KEY: is one of the DATA_ENCRYPTION_KEYS or the PHONE_HASH_KEY/);
      expect(message).not.toContain(admin);
    }
  });

  it('leaves development and test alone: their keys are public and simple on purpose', () => {
    const weak = { DATA_ENCRYPTION_KEYS: `k1:${b64(Buffer.alloc(32))}`, PHONE_HASH_KEY: b64(Buffer.alloc(32, 1)), ADMIN_API_KEY: 'a'.repeat(32) };
    for (const NODE_ENV of ['development', 'test']) expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, NODE_ENV, ...weak })).not.toThrow();
  });

  it('never refuses a random key: 20,000 of each kind `openssl rand` makes pass every check', () => {
    for (let i = 0; i < 20_000; i++) {
      const keys = {
        dataKeys: [{ id: 'k', key: randomBytes(32) }],
        phoneHashKey: randomBytes(i % 2 ? 32 : 64),
        // openssl rand -hex 16 (the shortest accepted), -hex 32, -base64 24 and -base64 32.
        adminApiKey: [
          randomBytes(16).toString('hex'),
          randomBytes(32).toString('hex'),
          randomBytes(24).toString('base64'),
          randomBytes(32).toString('base64'),
        ][i % 4]!,
      };
      const problems = productionKeyProblems(keys, [DEV_DATA_KEY, DEV_PHONE_HASH_KEY, DEV_ADMIN_API_KEY]);
      if (problems.length) throw new Error(`a random key was refused: ${problems.map((p) => p.message).join('; ')}`);
    }
  });

  it('sets its thresholds where a random key is nowhere near them', () => {
    // Fewest distinct bytes seen among 20,000 random 32-byte keys, and hex characters among 32-character hex keys.
    let fewestBytes = 32;
    let fewestHex = 16;
    for (let i = 0; i < 20_000; i++) {
      fewestBytes = Math.min(fewestBytes, new Set(randomBytes(32)).size);
      fewestHex = Math.min(fewestHex, new Set(randomBytes(16).toString('hex')).size);
    }
    expect(fewestBytes).toBeGreaterThanOrEqual(MIN_DISTINCT_KEY_BYTES + 4);
    expect(fewestHex).toBeGreaterThanOrEqual(MIN_DISTINCT_ADMIN_KEY_CHARS + 1);
    expect(lowEntropyReason([...randomBytes(32)], MIN_DISTINCT_KEY_BYTES, 'bytes')).toBeNull();
  });
});

describe('database and server bounds', () => {
  it('defaults to timeouts that fail a stalled request within seconds, and no trusted proxy', () => {
    const config = new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN }));
    expect(config.database).toEqual({
      url: DATABASE_URL,
      poolSize: 10,
      connectTimeoutMs: 2000,
      statementTimeoutMs: 5000,
      lockTimeoutMs: 1000,
      queryTimeoutMs: 6000,
    });
    expect(config.server).toEqual({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      connectionTimeoutMs: 80_000,
      trustProxy: false,
      shedEventLoopDelayMs: 1000,
      shedHeapUsedBytes: 0,
    });
  });

  it('refuses bounds that contradict each other', () => {
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, DATABASE_QUERY_TIMEOUT_MS: '5000' })).toThrow(
      /DATABASE_QUERY_TIMEOUT_MS: must exceed DATABASE_STATEMENT_TIMEOUT_MS/,
    );
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('reads TRUST_PROXY as proxy addresses and CIDRs only', () => {
    const trust = (value: string) => new AppConfig(parseEnv({ DATABASE_URL, ...DOUYIN, TRUST_PROXY: value })).server.trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('10.0.0.0/8, 192.168.1.10,::1,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8']);
    expect(trust('loopback,uniquelocal')).toEqual(['loopback', 'uniquelocal']);
    for (const bad of ['true', '1', '2', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '*']) {
      expect(() => trust(bad), bad).toThrow(/TRUST_PROXY: must be false, or the proxies' addresses/);
    }
  });
});
