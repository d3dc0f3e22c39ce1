import { describe, expect, it, vi } from 'vitest';
import { DouyinApiError } from '../errors/douyin-errors.js';
import { silentLogger } from '../logger.js';
import { type FetchedToken, TokenBroker } from './token-broker.js';
import { InMemoryTokenStore, type TokenStore } from './token-store.js';

function setup(store: TokenStore = new InMemoryTokenStore()) {
  let clock = 1_000_000;
  let n = 0;
  const fetch = vi.fn(async (): Promise<FetchedToken> => ({ accessToken: `tok-${++n}`, expiresIn: 7200 }));
  const broker = new TokenBroker({ kind: 'client_token', appId: 'tt1', store, fetch, logger: silentLogger, now: () => clock });
  return { broker, fetch, store, advance: (s: number) => (clock += s * 1000) };
}

const tokenError = (): DouyinApiError =>
  new DouyinApiError({ operation: 'x', endpoint: '/x', errNo: 28001008, platformMessage: 'expired', httpStatus: 200, raw: {} });

describe('TokenBroker', () => {
  it('shares one fetch between concurrent callers on a cold cache', async () => {
    const { broker, fetch } = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => broker.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refreshes once half the lifetime has passed, not before', async () => {
    const { broker, fetch, advance } = setup();
    await broker.getToken();
    advance(3599);
    expect(await broker.getToken()).toBe('tok-1');
    advance(2);
    expect(await broker.getToken()).toBe('tok-2');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps serving a still-valid token when an early refresh fails', async () => {
    const { broker, fetch, advance } = setup();
    await broker.getToken();
    advance(4000);
    fetch.mockRejectedValueOnce(new Error('down'));
    expect(await broker.getToken()).toBe('tok-1');
  });

  it('fails when the token is gone and the refresh fails', async () => {
    const { broker, fetch, advance } = setup();
    await broker.getToken();
    advance(7200);
    fetch.mockRejectedValueOnce(new Error('down'));
    await expect(broker.getToken()).rejects.toThrow('down');
  });

  it('on token_invalid: invalidates, refreshes once and retries the call once', async () => {
    const { broker, fetch } = setup();
    const seen: string[] = [];
    const result = await broker.withToken(async (t) => {
      seen.push(t);
      if (seen.length === 1) throw tokenError();
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(seen).toEqual(['tok-1', 'tok-2']);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('retries only once when the fresh token is refused too', async () => {
    const { broker } = setup();
    const call = vi.fn(async () => {
      throw tokenError();
    });
    await expect(broker.withToken(call)).rejects.toMatchObject({ kind: 'token_invalid' });
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('does not retry other errors', async () => {
    const { broker, fetch } = setup();
    const call = vi.fn(async () => {
      throw new Error('boom');
    });
    await expect(broker.withToken(call)).rejects.toThrow('boom');
    expect(call).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('invalidates only if the failed token is still the stored one', async () => {
    const { broker, store } = setup();
    const old = await broker.getToken();
    await store.save('client_token:tt1', { value: 'fresh-from-other-instance', obtainedAt: 1_000_000, expiresAt: 1_000_000 + 7_200_000 });
    expect(await broker.invalidate(old)).toBe(false);
    expect(await broker.getToken()).toBe('fresh-from-other-instance');
    expect(await broker.invalidate('fresh-from-other-instance')).toBe(true);
  });

  it('concurrent token_invalid failures cause a single refresh', async () => {
    const { broker, fetch } = setup();
    await broker.getToken();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => broker.withToken(async (t) => (t === 'tok-1' ? Promise.reject(tokenError()) : t))),
    );
    expect(new Set(results)).toEqual(new Set(['tok-2']));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refreshes inside the store lock and reuses a token another instance stored meanwhile', async () => {
    const inner = new InMemoryTokenStore();
    let locks = 0;
    let inLock = false;
    const reads: { inLock: boolean; fresh: boolean }[] = [];
    const lock = async <T>(_key: string, fn: () => Promise<T>): Promise<T> => {
      locks++;
      // Another instance won the lock and stored a token before us.
      await inner.save('client_token:tt1', { value: 'winner', obtainedAt: 1_000_000, expiresAt: 1_000_000 + 7_200_000 });
      inLock = true;
      return fn().finally(() => (inLock = false));
    };
    const store: TokenStore = {
      get: (k, options) => (reads.push({ inLock, fresh: options?.fresh === true }), inner.get(k)),
      save: (k, t) => inner.save(k, t),
      invalidate: (k, v) => inner.invalidate(k, v),
      withRefreshLock: lock,
    };
    const { broker, fetch } = setup(store);
    expect(await broker.getToken()).toBe('winner');
    expect(locks).toBe(1);
    expect(fetch).not.toHaveBeenCalled();
    // Inside the lock the broker asks past any in-memory copy: only the shared store knows.
    expect(reads).toEqual([
      { inLock: false, fresh: false },
      { inLock: true, fresh: true },
    ]);
  });

  it('reports each upstream fetch without the token', async () => {
    const events: unknown[] = [];
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (m: string, f: object) => lines.push(m + JSON.stringify(f)) };
    const broker = new TokenBroker({
      kind: 'app_access_token',
      appId: 'tt1',
      store: new InMemoryTokenStore(),
      fetch: async () => ({ accessToken: 'SECRET-TOKEN', expiresIn: 7200 }),
      logger,
      onFetch: (e) => events.push(e),
    });
    await broker.getToken();
    expect(events).toEqual([expect.objectContaining({ kind: 'app_access_token', ok: true, fetchCount: 1, expiresIn: 7200 })]);
    expect(JSON.stringify(events) + lines.join()).not.toContain('SECRET-TOKEN');
    expect(broker.fetchCount).toBe(1);
  });
});
