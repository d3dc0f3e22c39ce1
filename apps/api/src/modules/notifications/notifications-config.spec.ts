import { randomBytes } from 'node:crypto';
import { AppConfig, parseEnv } from '../../core/config/app-config.js';

const BASE = { DATABASE_URL: 'postgresql://app@db:5432/app', DOUYIN_APP_ID: 'tt0123456789abcdef', DOUYIN_APP_SECRET: 's' };
const PRODUCTION = {
  ...BASE,
  NODE_ENV: 'production',
  DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  PHONE_HASH_KEY: randomBytes(32).toString('base64'),
};

describe('admin and notification settings', () => {
  it('default to a working local setup: workers in process, the public dev admin key', () => {
    const config = new AppConfig(parseEnv(BASE));
    expect(config.notifications).toEqual({
      workersInProcess: true,
      concurrency: 4,
      retryLimit: 6,
      retryDelaySeconds: 2,
      expireSeconds: 120,
      retryAfterTimeout: false,
    });
    expect(config.douyin.timeoutMs).toBe(10_000);
    expect(config.admin.apiKey.length).toBeGreaterThanOrEqual(32);
  });

  it('reads NOTIFY_WORKERS_IN_PROCESS=false as false (not as a truthy string)', () => {
    expect(new AppConfig(parseEnv({ ...BASE, NOTIFY_WORKERS_IN_PROCESS: 'false' })).notifications.workersInProcess).toBe(false);
    expect(() => parseEnv({ ...BASE, NOTIFY_WORKERS_IN_PROCESS: 'maybe' })).toThrow(/NOTIFY_WORKERS_IN_PROCESS/);
  });

  it('refuses a short admin key, and the dev key in production, without echoing either', () => {
    expect(() => parseEnv({ ...BASE, ADMIN_API_KEY: 'short-secret' })).toThrow(/ADMIN_API_KEY: must be at least 32 characters/);
    expect(() => parseEnv({ ...BASE, ADMIN_API_KEY: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => parseEnv(PRODUCTION)).toThrow(/ADMIN_API_KEY: must be set in production/);
    expect(() => parseEnv({ ...PRODUCTION, ADMIN_API_KEY: randomBytes(32).toString('hex') })).not.toThrow(/ADMIN_API_KEY/);
  });
});
