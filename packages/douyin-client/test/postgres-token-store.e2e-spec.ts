import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type LogFields,
  PostgresTokenStore,
  type PostgresTokenStoreOptions,
  postgresTokenStoreSchema,
  type StoredToken,
  TokenRefreshLockTimeoutError,
  type TokenSealer,
} from '../src/index.js';
import { delta, type EmuApp, EmulatorHarness, unique } from './emulator-harness.js';

// The store against a real PostgreSQL (a scratch database of this run). Two stores on one table
// stand for two instances: each has its own memory, they share the row and the lock.
let pool: pg.Pool;
let h: EmulatorHarness;
let app: EmuApp;
const TABLE = 'douyin_tokens';
const HOUR = 3_600_000;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 8 });
  await pool.query(postgresTokenStoreSchema());
  await pool.query(postgresTokenStoreSchema('custom_tokens'));
  h = await EmulatorHarness.start();
  app = await h.createApp();
});
afterAll(async () => {
  await h?.close();
  await pool?.end();
});

/** AES-256-GCM bound to the row's key: a test sealer, as an app would write one. */
function aesSealer(id: string, secret = randomBytes(32)): TokenSealer {
  return {
    seal(value, key) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv).setAAD(Buffer.from(key));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return { keyId: id, blob: Buffer.concat([iv, cipher.getAuthTag(), data]) };
    },
    open(sealed, key) {
      if (sealed.keyId !== id) throw new Error('unknown key');
      const blob = Buffer.from(sealed.blob);
      const decipher = createDecipheriv('aes-256-gcm', secret, blob.subarray(0, 12)).setAAD(Buffer.from(key));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function setup(options: Partial<PostgresTokenStoreOptions> = {}) {
  let now = Date.now();
  const make = (over: Partial<PostgresTokenStoreOptions> = {}) =>
    new PostgresTokenStore({ pool, now: () => now, cacheTtlMs: 5_000, ...options, ...over });
  const token = (value: string): StoredToken => ({ value, obtainedAt: now, expiresAt: now + 2 * HOUR });
  const key = `client_token:${unique('tt')}`;
  return { a: make(), b: make(), make, token, key, advance: (ms: number) => void (now += ms) };
}

async function row(key: string, table = TABLE) {
  const { rows } = await pool.query<{ value: Buffer; key_id: string; version: number; expires_at: Date; obtained_at: Date }>(
    `SELECT value, key_id, version, expires_at, obtained_at FROM ${table} WHERE key = $1`,
    [key],
  );
  return rows[0];
}

describe('PostgresTokenStore', () => {
  it('shares one token between two stores on one table, serving it from memory for the TTL', async () => {
    const { a, b, token, key, advance } = setup();
    expect(await a.get(key)).toBeUndefined();
    await a.save(key, token('T1'));
    expect((await b.get(key))?.value).toBe('T1');

    await a.save(key, token('T2'));
    expect((await b.get(key))?.value).toBe('T1'); // still within b's TTL: no query
    expect((await a.get(key))?.value).toBe('T2'); // the writer knows at once
    advance(5_000);
    expect((await b.get(key))?.value).toBe('T2');
  });

  it('keeps times, counts versions, and stores the token as UTF-8 with key_id plain by default', async () => {
    const { a, token, key } = setup();
    const t1 = token('T1');
    await a.save(key, t1);
    await a.save(key, token('T2'));

    const stored = (await row(key))!;
    expect(stored).toMatchObject({ key_id: 'plain', version: 2 });
    expect(stored.value.toString('utf8')).toBe('T2');
    expect(stored.obtained_at.getTime()).toBe(t1.obtainedAt);
    expect(stored.expires_at.getTime()).toBe(t1.expiresAt);
  });

  it('reads the row, not memory, when asked for a fresh read (the broker, inside the refresh lock)', async () => {
    const { a, b, token, key } = setup();
    await a.save(key, token('T1'));
    expect((await b.get(key))?.value).toBe('T1');
    await a.save(key, token('T2'));

    expect((await b.get(key))?.value).toBe('T1'); // memory, for the TTL
    expect((await b.withRefreshLock(key, () => b.get(key, { fresh: true })))?.value).toBe('T2');
    expect((await b.get(key))?.value).toBe('T2'); // and remembers what it read
  });

  it('coalesces concurrent cold reads of a key into one query', async () => {
    const { a, token, key } = setup();
    await a.save(key, token('T1'));
    let queries = 0;
    const counting = new PostgresTokenStore({
      pool: { connect: () => pool.connect(), query: (text, values) => (queries++, pool.query(text, values)) },
    });
    const values = await Promise.all(Array.from({ length: 20 }, () => counting.get(key)));

    expect(new Set(values.map((v) => v?.value))).toEqual(new Set(['T1']));
    expect(queries).toBe(1);
  });

  it('invalidates only while the row still holds the failed token, and forgets its own copy either way', async () => {
    const { a, b, token, key, advance } = setup();
    await a.save(key, token('T1'));
    expect((await b.get(key))?.value).toBe('T1');
    await a.save(key, token('T2'));

    expect(await b.invalidate(key, 'T1')).toBe(false);
    expect((await b.get(key))?.value).toBe('T2'); // b's remembered T1 is gone

    expect(await b.invalidate(key, 'T2')).toBe(true);
    expect(await b.get(key)).toBeUndefined();
    advance(5_000);
    expect(await a.get(key)).toBeUndefined();
    expect(await b.invalidate(key, 'T2')).toBe(false);
  });

  it('lets one holder at a time run under a key, without blocking other keys', async () => {
    const { a, b, key } = setup();
    const events: string[] = [];
    const first = a.withRefreshLock(key, async () => {
      events.push('a start');
      await sleep(300);
      events.push('a end');
    });
    await sleep(50);
    const otherKey = b.withRefreshLock(`${key}_other`, async () => void events.push('other key'));
    const second = b.withRefreshLock(key, async () => void events.push('b start'));
    await Promise.all([first, second, otherKey]);

    expect(events).toEqual(['a start', 'other key', 'a end', 'b start']);
  });

  it('releases the lock when the refresh fails', async () => {
    const { a, b, key } = setup();
    await expect(a.withRefreshLock(key, async () => Promise.reject(new Error('fetch failed')))).rejects.toThrow('fetch failed');
    await expect(b.withRefreshLock(key, async () => 'ran')).resolves.toBe('ran');
  });

  it('gives up waiting for another holder after lockWaitMs instead of hanging', async () => {
    const { a, key, make } = setup();
    const impatient = make({ lockWaitMs: 100 });
    const holder = a.withRefreshLock(key, () => sleep(1_000));
    await sleep(50);

    const error = await impatient.withRefreshLock(key, async () => 'ran').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRefreshLockTimeoutError);
    expect(error).toMatchObject({ code: '55P03', message: expect.stringMatching(/lock timeout/) });
    await holder;
  });

  it('makes two racing brokers on two stores fetch the token once: the second reuses the first’s', async () => {
    const { make } = setup();
    const table = 'custom_tokens';
    const clients = [0, 1].map(() => h.client(app, { tokenStore: make({ table }) }));
    // The latency keeps the winner's fetch in flight while the other client waits on the lock.
    await h.fault({ operation: 'client_token', latencyMs: 300, times: 1 });
    const before = await h.calls();

    const tokens = await Promise.all(clients.flatMap((client) => Array.from({ length: 10 }, () => client.clientTokens.getToken())));

    expect(delta(await h.calls(), before)).toEqual({ client_token: 1 });
    expect(new Set(tokens).size).toBe(1);
    expect((await row(`client_token:${app.appid}`, table))?.value.toString('utf8')).toBe(tokens[0]);
    await pool.query(`DELETE FROM ${table}`);
  });

  it('treats an unreadable row as missing, logging without the token, so the broker fetches a new one', async () => {
    const warnings: LogFields[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (_: string, fields: LogFields) => void warnings.push(fields) };
    const sealed = setup({ sealer: aesSealer('k1') });
    const key = `client_token:${app.appid}`;
    await sealed.a.save(key, sealed.token('T-sealed'));
    const rotated = aesSealer('k1'); // same key id, another secret: the old row does not open
    const client = h.client(app, { tokenStore: new PostgresTokenStore({ pool, sealer: rotated, logger }) });
    const before = await h.calls();

    const token = await client.clientTokens.getToken();

    expect(token).not.toBe('T-sealed');
    expect(delta(await h.calls(), before)).toEqual({ client_token: 1 });
    expect(warnings.length).toBeGreaterThan(0);
    for (const fields of warnings) expect(fields).toMatchObject({ key, keyId: 'k1' });
    expect(JSON.stringify(warnings)).not.toContain('T-sealed');
    const stored = (await row(key))!;
    expect(rotated.open({ keyId: stored.key_id, blob: stored.value }, key)).toBe(token); // overwritten by the refetch
    await pool.query(`DELETE FROM ${TABLE} WHERE key = $1`, [key]);
  });

  it('seals with the given sealer, bound to the key: a token copied into another row does not open', async () => {
    const sealer = aesSealer('k1');
    const { a, token, key, make } = setup({ sealer });
    const otherKey = `${key}_other`;
    await a.save(key, token('T-mine'));
    await a.save(otherKey, token('T-other'));
    const stored = (await row(key))!;
    expect(stored.key_id).toBe('k1');
    expect(stored.value.includes(Buffer.from('T-mine'))).toBe(false);
    expect((await make().get(key))?.value).toBe('T-mine');

    await pool.query(`UPDATE ${TABLE} SET value = (SELECT value FROM ${TABLE} WHERE key = $2) WHERE key = $1`, [key, otherKey]);
    const fresh = make();
    expect(await fresh.get(key)).toBeUndefined();
    expect((await fresh.get(otherKey))?.value).toBe('T-other');
    expect(await make({ sealer: aesSealer('k1') }).get(otherKey)).toBeUndefined(); // another secret
    expect(await make({ sealer: undefined }).get(otherKey)).toBeUndefined(); // sealed, but no sealer given
  });

  it('accepts only strict identifiers as table names', () => {
    for (const table of ['tokens; DROP TABLE x', 'Tokens', '"t"', 'a.b.c', '']) {
      expect(() => new PostgresTokenStore({ pool, table })).toThrow(/Invalid token table name/);
      expect(() => postgresTokenStoreSchema(table)).toThrow(/Invalid token table name/);
    }
    expect(postgresTokenStoreSchema('app.tokens')).toMatch(/^CREATE TABLE IF NOT EXISTS app\.tokens \(/);
  });
});
