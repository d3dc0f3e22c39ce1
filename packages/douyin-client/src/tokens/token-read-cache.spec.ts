import { describe, expect, it } from 'vitest';
import { TokenReadCache } from './token-read-cache.js';

const HOUR = 3_600_000;

function setup(ttlMs = 5_000) {
  let now = 1_000_000;
  const cache = new TokenReadCache(ttlMs, () => now);
  const token = (value: string, lifetimeMs = 2 * HOUR) => ({ value, obtainedAt: now, expiresAt: now + lifetimeMs });
  return { cache, token, advance: (ms: number) => void (now += ms) };
}

describe('TokenReadCache', () => {
  it('serves a token for the TTL, then sends the caller back to the shared row', () => {
    const { cache, token, advance } = setup(5_000);
    cache.put('client_token:tt1', token('T1'));

    advance(4_999);
    expect(cache.get('client_token:tt1')?.value).toBe('T1');
    advance(1);
    expect(cache.get('client_token:tt1')).toBeUndefined();
  });

  it('never serves a token past its own expiry, however long the TTL', () => {
    const { cache, token, advance } = setup(60_000);
    cache.put('k:tt1', token('T1', 2_000));

    advance(1_999);
    expect(cache.get('k:tt1')?.value).toBe('T1');
    advance(1);
    expect(cache.get('k:tt1')).toBeUndefined();
  });

  it('forgets a dropped token at once', () => {
    const { cache, token } = setup();
    cache.put('k:tt1', token('T1'));
    cache.drop('k:tt1');
    expect(cache.get('k:tt1')).toBeUndefined();
  });

  it('keeps keys apart', () => {
    const { cache, token } = setup();
    cache.put('app_access_token:tt1', token('A'));
    cache.put('client_token:tt1', token('C'));
    expect(cache.get('app_access_token:tt1')?.value).toBe('A');
    expect(cache.get('client_token:tt1')?.value).toBe('C');
  });

  it('ignores what a slow read found once the key was written or dropped after the read began', () => {
    const { cache, token } = setup();
    const before = cache.generation('k:tt1');
    cache.put('k:tt1', token('T2'));
    cache.putIfCurrent('k:tt1', token('T1'), before);
    expect(cache.get('k:tt1')?.value).toBe('T2');

    const beforeDrop = cache.generation('k:tt1');
    cache.drop('k:tt1');
    cache.putIfCurrent('k:tt1', token('T2'), beforeDrop);
    expect(cache.get('k:tt1')).toBeUndefined();

    const current = cache.generation('k:tt1');
    cache.putIfCurrent('k:tt1', token('T3'), current);
    expect(cache.get('k:tt1')?.value).toBe('T3');
  });

  it('hands out copies, so a caller cannot change what others get', () => {
    const { cache, token } = setup();
    cache.put('k:tt1', token('T1'));
    cache.get('k:tt1')!.value = 'mutated';
    expect(cache.get('k:tt1')?.value).toBe('T1');
  });
});
