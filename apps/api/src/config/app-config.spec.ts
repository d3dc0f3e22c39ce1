import { AppConfig, InvalidConfigError, parseEnv } from './app-config.js';

const DATABASE_URL = 'postgresql://app:secret-password@db:5432/app';

describe('parseEnv', () => {
  it('needs only DATABASE_URL and defaults the rest for local development', () => {
    const config = new AppConfig(parseEnv({ DATABASE_URL }));
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimitBytes: 65536 });
    expect(config.env).toBe('development');
  });

  it('coerces numeric variables', () => {
    expect(parseEnv({ DATABASE_URL, PORT: '8080' }).PORT).toBe(8080);
  });

  it('names every bad variable and never echoes a value', () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: 'mysql://u:secret-password@h/db', PORT: 'eighty', LOG_LEVEL: 'loud' });
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

  it('reports a missing DATABASE_URL by name', () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL: is required/);
  });
});
