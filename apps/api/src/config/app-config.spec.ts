import { generateKeyPairSync } from 'node:crypto';
import { AppConfig, InvalidConfigError, parseEnv } from './app-config.js';

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
    });
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
    expect(() => parseEnv({ ...local, NODE_ENV: 'production' })).toThrow(
      /DOUYIN_APPS_BASE_URL: must be https:\/\/ in production/,
    );
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
    expect(() => parseEnv({ DATABASE_URL, ...DOUYIN, DATABASE_QUERY_TIMEOUT_MS: '5000' })).toThrow(/DATABASE_QUERY_TIMEOUT_MS: must exceed DATABASE_STATEMENT_TIMEOUT_MS/);
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
