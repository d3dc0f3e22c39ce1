import { setTimeout as delay } from 'node:timers/promises';
import { type DouyinLogger, silentLogger } from '../logger.js';
import { DEFAULT_TOKEN_CACHE_TTL_MS, TokenReadCache } from './token-read-cache.js';
import type { StoredToken, TokenStore } from './token-store.js';

/** What the store needs of a query result. */
export interface PgQueryResult {
  rows: Record<string, unknown>[];
}

/** What the store needs of a pooled connection (a `pg` PoolClient fits). */
export interface PgPoolClient {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  release(error?: Error | boolean): void;
}

/**
 * What the store needs of a pool: a `pg` Pool fits. Structural, so this package does not depend
 * on `pg`: the app passes the pool it already has (and its bounds: size, timeouts, TLS).
 */
export interface PgPool {
  connect(): Promise<PgPoolClient>;
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
}

/** A token as stored at rest. `keyId` names how (and under which key) it was sealed. */
export interface SealedToken {
  keyId: string;
  blob: Uint8Array;
}

/**
 * Encryption at rest. `key` is the row's key (`client_token:tt123`): bind the seal to it (e.g. as
 * AES-GCM associated data) so a token copied into another row does not open. `open` throws when
 * the value does not open (unknown key, damaged or moved blob); the store then reads the row as
 * missing and the broker fetches a new token.
 */
export interface TokenSealer {
  seal(value: string, key: string): SealedToken;
  open(sealed: SealedToken, key: string): string;
}

export interface PostgresTokenStoreOptions {
  pool: PgPool;
  /** Table name (`[schema.]name`, lower-case identifiers). Default `douyin_tokens`. */
  table?: string;
  /** Default: the token as UTF-8 bytes, key_id `plain`. Pass one to encrypt tokens at rest. */
  sealer?: TokenSealer;
  /** How long a token read from the table is served from memory. Default 5 s. */
  cacheTtlMs?: number;
  /**
   * Longest wait for another instance's refresh (the lock is retried until then). One token fetch
   * takes at most ~35 s (10 s per attempt, 3 attempts, back-off), so the default 45 s covers one.
   */
  lockWaitMs?: number;
  /** Epoch ms, for the read cache. Default Date.now. */
  now?: () => number;
  /** Gets a warning (never the token) when a row cannot be opened. */
  logger?: DouyinLogger;
}

export const DEFAULT_TOKEN_TABLE = 'douyin_tokens';

/**
 * First half of the two-int advisory lock key: keeps these locks apart from other advisory locks
 * of the database (the two-int and one-bigint key spaces never overlap). The second half is
 * hashtext(key); a hash collision between two keys would only make their refreshes take turns.
 */
const LOCK_NAMESPACE = 0x44594b54; // "DYKT"
/** How often a waiter retries the refresh lock while another holder has it. */
const LOCK_POLL_MS = 100;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

/**
 * Another instance held the refresh lock longer than `lockWaitMs`. `code` is PostgreSQL's
 * lock_not_available SQLSTATE, so an app that maps database stalls to 503 treats it as one.
 */
export class TokenRefreshLockTimeoutError extends Error {
  override name = 'TokenRefreshLockTimeoutError';
  readonly code = '55P03';

  constructor(key: string, waitedMs: number) {
    super(`Refresh lock of ${key} still held by another holder after ${waitedMs} ms (lock timeout)`);
  }
}

/** The default sealer: no encryption, the token as UTF-8 bytes. */
export const plainTokenSealer: TokenSealer = {
  seal: (value) => ({ keyId: 'plain', blob: Buffer.from(value, 'utf8') }),
  open: (sealed) => {
    if (sealed.keyId !== 'plain') throw new Error(`Token sealed as "${sealed.keyId}" but no sealer was given`);
    return Buffer.from(sealed.blob).toString('utf8');
  },
};

function checkedTable(table: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`Invalid token table name "${table}": expected [schema.]name in lower-case letters, digits and _`);
  return table;
}

/**
 * The table PostgresTokenStore uses. The store never creates it: run this once (it is
 * idempotent) at deploy time, or put it in your migrations.
 */
export function postgresTokenStoreSchema(table: string = DEFAULT_TOKEN_TABLE): string {
  return `CREATE TABLE IF NOT EXISTS ${checkedTable(table)} (
  key TEXT NOT NULL PRIMARY KEY,
  value BYTEA NOT NULL,
  key_id TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  expires_at TIMESTAMPTZ(3) NOT NULL,
  obtained_at TIMESTAMPTZ(3) NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
`;
}

/** The rows of a query whose columns this file names itself. */
async function rowsOf<R>(db: Pick<PgPool, 'query'>, text: string, values: unknown[]): Promise<R[]> {
  return (await db.query(text, values)).rows as R[];
}

interface TokenRow {
  value: Uint8Array;
  key_id: string;
  expires_at: Date;
  obtained_at: Date;
}

/**
 * A TokenStore in PostgreSQL, shared by every process and instance of an app, so they all use one
 * token (fetching a new one cuts the old one to 5 minutes, docs/douyin-platform.md §1).
 *
 * The refresh lock is `pg_try_advisory_xact_lock` inside a transaction on a dedicated pooled
 * connection: PostgreSQL releases it on commit, rollback or a lost connection, so a crashed
 * instance never leaves it held. It is polled rather than awaited in one blocking call, so the
 * pool's statement timeouts never cut a long wait short. Inside the lock, `get` reads the row
 * (not memory): a waiter that gets the lock after another instance's refresh sees its token.
 */
export class PostgresTokenStore implements TokenStore {
  private readonly pool: PgPool;
  private readonly table: string;
  private readonly sealer: TokenSealer;
  private readonly cache: TokenReadCache;
  private readonly lockWaitMs: number;
  private readonly logger: DouyinLogger;
  /** Reads of the row in flight per key: a cold burst of callers costs one query. */
  private readonly reads = new Map<string, Promise<StoredToken | undefined>>();

  constructor(options: PostgresTokenStoreOptions) {
    this.pool = options.pool;
    this.table = checkedTable(options.table ?? DEFAULT_TOKEN_TABLE);
    this.sealer = options.sealer ?? plainTokenSealer;
    this.cache = new TokenReadCache(options.cacheTtlMs ?? DEFAULT_TOKEN_CACHE_TTL_MS, options.now ?? Date.now);
    this.lockWaitMs = options.lockWaitMs ?? 45_000;
    this.logger = options.logger ?? silentLogger;
  }

  async get(key: string, options?: { fresh?: boolean }): Promise<StoredToken | undefined> {
    // Inside the lock the broker checks whether another instance refreshed meanwhile: only the
    // row can say, memory may be seconds old and would cause a second fetch.
    if (options?.fresh) return this.read(key);
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
    const sealed = this.sealer.seal(token.value, key);
    await this.pool.query(
      `INSERT INTO ${this.table} AS t (key, value, key_id, expires_at, obtained_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, key_id = EXCLUDED.key_id, expires_at = EXCLUDED.expires_at,
         obtained_at = EXCLUDED.obtained_at, version = t.version + 1, updated_at = now()`,
      [key, Buffer.from(sealed.blob), sealed.keyId, new Date(token.expiresAt), new Date(token.obtainedAt)],
    );
    this.cache.put(key, token);
  }

  async invalidate(key: string, failedValue: string): Promise<boolean> {
    // Whatever the row holds, this process's copy is suspect: the next get re-reads the row.
    this.cache.drop(key);
    // The row is locked while it is compared, so a refresh saved meanwhile is never deleted.
    return this.transaction(async (client) => {
      const rows = await rowsOf<TokenRow>(client, `SELECT value, key_id FROM ${this.table} WHERE key = $1 FOR UPDATE`, [key]);
      const row = rows[0];
      if (!row || this.open(key, row) !== failedValue) return false;
      await client.query(`DELETE FROM ${this.table} WHERE key = $1`, [key]);
      return true;
    });
  }

  withRefreshLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      const deadline = Date.now() + this.lockWaitMs;
      for (;;) {
        const rows = await rowsOf<{ locked: boolean }>(client, 'SELECT pg_try_advisory_xact_lock($1::int4, hashtext($2)) AS locked', [
          LOCK_NAMESPACE,
          key,
        ]);
        if (rows[0]?.locked) break;
        if (Date.now() >= deadline) throw new TokenRefreshLockTimeoutError(key, this.lockWaitMs);
        await delay(Math.min(LOCK_POLL_MS, Math.max(1, deadline - Date.now())));
      }
      // The broker's re-read (`get(key, { fresh: true })`) and save go through the pool: the save
      // commits before this transaction does, so the next holder of the lock always sees it.
      return fn();
    });
  }

  private async transaction<T>(work: (client: PgPoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // A connection that cannot roll back must not return to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  private async read(key: string): Promise<StoredToken | undefined> {
    const generation = this.cache.generation(key);
    const rows = await rowsOf<TokenRow>(this.pool, `SELECT value, key_id, expires_at, obtained_at FROM ${this.table} WHERE key = $1`, [key]);
    const row = rows[0];
    if (!row) return undefined;
    const value = this.open(key, row);
    if (value === undefined) return undefined;
    const token = { value, obtainedAt: row.obtained_at.getTime(), expiresAt: row.expires_at.getTime() };
    this.cache.putIfCurrent(key, token, generation);
    return token;
  }

  /**
   * The token, or undefined when the row cannot be opened (its key left the ring, the blob is
   * damaged or belongs to another row): the broker then fetches a new token, which overwrites it.
   */
  private open(key: string, row: Pick<TokenRow, 'value' | 'key_id'>): string | undefined {
    try {
      return this.sealer.open({ keyId: row.key_id, blob: row.value }, key);
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown';
      this.logger.warn('stored Douyin token cannot be opened; a new one will be fetched', { key, keyId: row.key_id, reason });
      return undefined;
    }
  }
}
