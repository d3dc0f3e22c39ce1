import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { StoredToken, TokenStore } from '@douyin-kit/douyin-client';
import type { SealedField, SecretBox } from '../crypto/secret-box.js';
import { toBytes } from '../database/bytes.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { CredentialKind } from '../../generated/prisma/enums.js';
import { DEFAULT_TOKEN_CACHE_TTL_MS, TokenReadCache } from './token-read-cache.js';

/**
 * First half of the two-int advisory lock key: keeps these locks apart from any other
 * advisory lock of the database (the two-int and one-bigint key spaces never overlap, so
 * Prisma's migration lock cannot collide either). The second half is hashtext(key); a hash
 * collision between two keys would only make their refreshes take turns.
 */
const LOCK_NAMESPACE = 0x44594b54; // "DYKT"
/** How often a waiter retries the refresh lock while another holder has it. */
const LOCK_POLL_MS = 100;

export interface PostgresTokenStoreOptions {
  /** Epoch ms, for the read cache. */
  now?: () => number;
  cacheTtlMs?: number;
  /**
   * Longest wait for another instance's refresh (the lock is retried until then). One token fetch
   * takes at most ~35 s (10 s per attempt, 3 attempts, back-off), so 45 s covers a full one.
   */
  lockWaitMs?: number;
  /**
   * Prisma's deadline for the whole locked transaction: the wait plus our own fetch. When it
   * passes, Prisma rolls back (releasing the lock) and the refresh fails; keep it above
   * lockWaitMs + one fetch.
   */
  lockTransactionTimeoutMs?: number;
}

interface CredentialRow {
  token_encrypted: Uint8Array;
  key_id: string;
}

/**
 * The token brokers' shared holder: one row of `platform_credentials` per app and kind, the
 * token sealed with the data-key ring, so every process and instance of the app uses one token
 * (fetching a new one cuts the old one to 5 minutes, docs/douyin-platform.md §1).
 *
 * The refresh lock is `pg_advisory_xact_lock` inside a Prisma interactive transaction rather
 * than a session lock on a raw connection: it lives on one pooled connection and is released
 * by PostgreSQL itself on commit, rollback or a lost connection, so a crashed instance can never
 * leave it held. The price is Prisma's transaction deadline (see the options). The broker's
 * re-read and save inside the lock go through the normal client: the save commits before the
 * lock's transaction does, so a waiter that gets the lock next always sees it.
 */
export class PostgresTokenStore implements TokenStore {
  private readonly logger = new Logger('DouyinTokenStore');
  private readonly cache: TokenReadCache;
  /** Reads of the row in flight per key: a cold burst of callers costs one query. */
  private readonly reads = new Map<string, Promise<StoredToken | undefined>>();
  /** Set while this async context holds the refresh lock of the key it names. */
  private readonly lockHeld = new AsyncLocalStorage<string>();
  private readonly lockWaitMs: number;
  private readonly lockTransactionTimeoutMs: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    options: PostgresTokenStoreOptions = {},
  ) {
    this.cache = new TokenReadCache(options.cacheTtlMs ?? DEFAULT_TOKEN_CACHE_TTL_MS, options.now ?? Date.now);
    this.lockWaitMs = options.lockWaitMs ?? 45_000;
    this.lockTransactionTimeoutMs = options.lockTransactionTimeoutMs ?? 90_000;
  }

  async get(key: string): Promise<StoredToken | undefined> {
    // Inside the lock the broker checks whether another instance refreshed meanwhile: only the
    // row can say, memory may be seconds old and would cause a second fetch.
    if (this.lockHeld.getStore() === key) return this.read(key);
    const cached = this.cache.get(key);
    if (cached) return cached;
    let read = this.reads.get(key);
    if (!read) {
      read = this.read(key).finally(() => this.reads.delete(key));
      this.reads.set(key, read);
    }
    const token = await read;
    return token && { ...token };
  }

  async save(key: string, token: StoredToken): Promise<void> {
    const where = credentialOf(key);
    const sealed = this.box.seal(token.value, credentialField(key));
    const fields = {
      tokenEncrypted: toBytes(sealed.blob),
      keyId: sealed.keyId,
      expiresAt: new Date(token.expiresAt),
      fetchedAt: new Date(token.obtainedAt),
    };
    await this.prisma.platformCredential.upsert({
      where: { appId_kind: where },
      create: { ...where, ...fields },
      update: { ...fields, version: { increment: 1 } },
      select: { id: true },
    });
    this.cache.put(key, token);
  }

  async invalidate(key: string, failedValue: string): Promise<boolean> {
    const { appId, kind } = credentialOf(key);
    // Whatever the row holds, this process's copy is suspect: the next get re-reads the row.
    this.cache.drop(key);
    // The row is locked while it is compared, so a refresh saved meanwhile is never deleted.
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<CredentialRow[]>`
        SELECT token_encrypted, key_id FROM platform_credentials
        WHERE app_id = ${appId} AND kind = ${kind}::credential_kind
        FOR UPDATE`;
      if (!row || this.open(key, row) !== failedValue) return false;
      await tx.platformCredential.delete({ where: { appId_kind: { appId, kind } }, select: { id: true } });
      return true;
    });
  }

  withRefreshLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    credentialOf(key);
    return this.prisma.$transaction(
      async (tx) => {
        // Polled rather than one blocking pg_advisory_xact_lock: the pool's statement and
        // query timeouts (a few seconds, prisma.service.ts) would cut a long wait short.
        const deadline = Date.now() + this.lockWaitMs;
        for (;;) {
          const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
            SELECT pg_try_advisory_xact_lock(${LOCK_NAMESPACE}::int4, hashtext(${key})) AS locked`;
          if (row?.locked) break;
          if (Date.now() >= deadline)
            throw new Error(`Refresh lock of ${key} still held by another holder after ${this.lockWaitMs} ms (lock timeout)`);
          await delay(Math.min(LOCK_POLL_MS, Math.max(1, deadline - Date.now())));
        }
        return this.lockHeld.run(key, fn);
      },
      { maxWait: 10_000, timeout: this.lockTransactionTimeoutMs },
    );
  }

  private async read(key: string): Promise<StoredToken | undefined> {
    const generation = this.cache.generation(key);
    const row = await this.prisma.platformCredential.findUnique({
      where: { appId_kind: credentialOf(key) },
      select: { tokenEncrypted: true, keyId: true, expiresAt: true, fetchedAt: true },
    });
    if (!row) return undefined;
    const value = this.open(key, { token_encrypted: row.tokenEncrypted, key_id: row.keyId });
    if (value === undefined) return undefined;
    const token = { value, obtainedAt: row.fetchedAt.getTime(), expiresAt: row.expiresAt.getTime() };
    this.cache.putIfCurrent(key, token, generation);
    return token;
  }

  /**
   * The token, or undefined when the row cannot be opened (its data key left the ring, or the
   * blob is damaged): the broker then fetches a new token, which overwrites the row.
   */
  private open(key: string, row: CredentialRow): string | undefined {
    try {
      const sealed = { keyId: row.key_id, blob: Buffer.from(row.token_encrypted) };
      return this.box.open(sealed, credentialField(key)).toString('utf8');
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown';
      this.logger.warn({ msg: 'stored Douyin token cannot be opened; a new one will be fetched', key, keyId: row.key_id, reason });
      return undefined;
    }
  }
}

/**
 * Where a token is sealed: bound to the row's natural key (app and kind), so one app's token,
 * or another kind's, copied into this row does not open.
 */
export function credentialField(key: string): SealedField {
  const { appId, kind } = credentialOf(key);
  return { table: 'platform_credentials', column: 'token_encrypted', rowId: `${kind}:${appId}` };
}

/** `app_access_token:tt123` → the row's unique key. */
function credentialOf(key: string): { appId: string; kind: CredentialKind } {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const appId = key.slice(colon + 1);
  if (colon < 0 || !appId || !Object.hasOwn(CredentialKind, kind)) {
    throw new Error(`Unsupported token key "${key}": expected <app_access_token|client_token>:<appid>`);
  }
  return { appId, kind: kind as CredentialKind };
}
