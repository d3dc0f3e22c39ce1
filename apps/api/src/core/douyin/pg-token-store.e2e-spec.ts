import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredToken } from '@douyin-kit/douyin-client';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { sql } from '../../../test/api-user.js';
import { credentialRow } from '../../../test/douyin-tokens.js';
import { sealV1 } from '../../../test/sealed-v1.js';
import { AppConfig, parseEnv } from '../config/app-config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { PrismaService } from '../database/prisma.service.js';
import { PostgresTokenStore } from './pg-token-store.js';

// The store on its own, against this run's database. Two stores on one database stand for two
// instances: each has its own memory, they share the row and the lock. The clock is injected.
let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

const HOUR = 3_600_000;

function setup(options: { cacheTtlMs?: number } = {}) {
  let now = Date.now();
  const prisma = running.app.get(PrismaService);
  const box = running.app.get(SecretBox);
  const make = () => new PostgresTokenStore(prisma, box, { now: () => now, cacheTtlMs: options.cacheTtlMs ?? 5_000 });
  const token = (value: string): StoredToken => ({ value, obtainedAt: now, expiresAt: now + 2 * HOUR });
  const appId = `tt_store_${randomUUID().slice(0, 8)}`;
  return { a: make(), b: make(), token, appId, key: `client_token:${appId}`, advance: (ms: number) => void (now += ms) };
}

describe('PostgresTokenStore', () => {
  it('serves a token from memory for the TTL, so another instance’s refresh shows up after it', async () => {
    const { a, b, token, key, advance } = setup({ cacheTtlMs: 5_000 });
    await a.save(key, token('T1'));
    expect((await b.get(key))?.value).toBe('T1');

    await a.save(key, token('T2'));
    expect((await b.get(key))?.value).toBe('T1'); // still within b's TTL: no query
    expect((await a.get(key))?.value).toBe('T2'); // the writer knows at once
    advance(5_000);
    expect((await b.get(key))?.value).toBe('T2');
  });

  it('reads the row, not memory, inside the refresh lock (where the broker checks for a winner)', async () => {
    const { a, b, token, key } = setup();
    await a.save(key, token('T1'));
    expect((await b.get(key))?.value).toBe('T1');
    await a.save(key, token('T2'));

    const inside = await b.withRefreshLock(key, () => b.get(key));

    expect(inside?.value).toBe('T2');
    expect((await b.get(key))?.value).toBe('T2'); // and remembers what it read
  });

  it('keeps times, bumps the version on every save, and reports a missing row as undefined', async () => {
    const { a, token, key, appId } = setup();
    expect(await a.get(key)).toBeUndefined();
    const t1 = token('T1');
    await a.save(key, t1);
    await a.save(key, token('T2'));

    const row = (await credentialRow(appId, 'client_token'))!;
    expect(row.version).toBe(2);
    expect(row.fetched_at.getTime()).toBe(t1.obtainedAt);
    expect(row.expires_at.getTime()).toBe(t1.expiresAt);
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
    advance(5_000); // a's own copy of T2 lasts its TTL; the broker's retry would drop it sooner
    expect(await a.get(key)).toBeUndefined();
    expect(await b.invalidate(key, 'T2')).toBe(false);
  });

  it('lets one holder at a time run under a key, without blocking other keys', async () => {
    const { a, b, key, appId } = setup();
    const events: string[] = [];
    const first = a.withRefreshLock(key, async () => {
      events.push('a start');
      await sleep(300);
      events.push('a end');
    });
    await sleep(50);
    const otherKey = b.withRefreshLock(`app_access_token:${appId}`, async () => void events.push('other key'));
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
    const { a, key } = setup();
    const impatient = new PostgresTokenStore(running.app.get(PrismaService), running.app.get(SecretBox), { lockWaitMs: 100 });
    const holder = a.withRefreshLock(key, () => sleep(1_000));
    await sleep(50);

    await expect(impatient.withRefreshLock(key, async () => 'ran')).rejects.toThrow(/lock timeout/i);
    await holder;
  });

  it('treats a row sealed under a key no longer in the ring as missing, so a new token gets fetched', async () => {
    const { a, token, key } = setup();
    await a.save(key, token('T1'));
    const rotated = new PostgresTokenStore(running.app.get(PrismaService), new SecretBox([{ id: 'other', key: randomBytes(32) }]));

    expect(await rotated.get(key)).toBeUndefined();
  });

  it("treats another row's token copied into this one as missing: each seal is bound to its app and kind", async () => {
    const { a, token, key, appId } = setup();
    const other = setup();
    await a.save(key, token('T-mine'));
    await other.a.save(other.key, token('T-other'));
    await sql(
      `UPDATE platform_credentials SET (token_encrypted, key_id) =
         (SELECT token_encrypted, key_id FROM platform_credentials WHERE app_id = $2 AND kind = 'client_token')
       WHERE app_id = $1 AND kind = 'client_token'`,
      [appId, other.appId],
    );
    const fresh = new PostgresTokenStore(running.app.get(PrismaService), running.app.get(SecretBox));

    expect(await fresh.get(key)).toBeUndefined();
    expect((await fresh.get(other.key))?.value).toBe('T-other');
  });

  it('still reads a row sealed in the v1 format, and seals it as v2 at the next save', async () => {
    const { a, token, key, appId } = setup();
    await a.save(key, token('T1'));
    const runKey = new AppConfig(parseEnv(process.env)).encryption.dataKeys[0]!;
    const old = sealV1(runKey, 'T-v1');
    await sql(`UPDATE platform_credentials SET token_encrypted = $2, key_id = $3 WHERE app_id = $1 AND kind = 'client_token'`, [
      appId,
      old.blob,
      old.keyId,
    ]);
    const fresh = new PostgresTokenStore(running.app.get(PrismaService), running.app.get(SecretBox));

    expect((await fresh.get(key))?.value).toBe('T-v1');
    await fresh.save(key, token('T2'));
    expect((await credentialRow(appId, 'client_token'))!.key_id).toBe(`v2:${runKey.id}`);
    expect((await new PostgresTokenStore(running.app.get(PrismaService), running.app.get(SecretBox)).get(key))?.value).toBe('T2');
  });

  it('refuses keys that are not <kind>:<appid>', async () => {
    const { a } = setup();
    await expect(a.get('session_key:tt1')).rejects.toThrow(/Unsupported token key/);
    await expect(a.get('client_token:')).rejects.toThrow(/Unsupported token key/);
  });
});
