import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { PrismaClient } from '../../generated/prisma/client.js';

const logger = new Logger('Database');

/**
 * Every query of the API runs under these bounds, Prisma's and the hot reads alike (one pool),
 * so a stalled or locked database fails a request within seconds (503 DATABASE_UNAVAILABLE,
 * errors/database-errors.ts) instead of queueing it: `connectionTimeoutMillis` bounds opening a
 * connection and waiting for a free one, `statement_timeout`/`lock_timeout` make PostgreSQL
 * cancel, and `query_timeout` gives up on a server that does not answer at all. The migration
 * runner and pg-boss open their own connections and are not bound by them.
 */
function poolOptions(database: AppConfig['database']): pg.PoolConfig {
  return {
    connectionString: database.url,
    max: database.poolSize,
    connectionTimeoutMillis: database.connectTimeoutMs,
    statement_timeout: database.statementTimeoutMs,
    lock_timeout: database.lockTimeoutMs,
    query_timeout: database.queryTimeoutMs,
  };
}

/**
 * The single Prisma client of the process, on the pg driver adapter (Prisma 7's Rust-free
 * client: no engine binary at run time). It connects lazily on first query so the API boots
 * while the database is down and `/ready` can say so. It disconnects in the last shutdown
 * phase, after the server has closed: requests in flight and notification sends being drained
 * (HttpDrain, NotificationQueue) still use it until then.
 *
 * `pool` is the pg pool under Prisma, for the few reads every authenticated request makes: there
 * Prisma's client runtime was the largest share of the API's CPU, and a
 * named (server-side prepared) pg query does the same read for a fraction of it.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    const pool = new pg.Pool(poolOptions(config.database));
    // disposeExternalPool: $disconnect ends the pool, as it would a pool of its own.
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    // An idle connection the server drops (restart, failover, terminate) emits 'error' on the
    // pool, which crashes the process unless someone listens: Prisma's adapter only does once
    // Prisma itself has connected, and the hot reads may come first. pg discards the client.
    pool.on('error', (error) => logger.warn(`Idle database connection lost: ${error.message}`));
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    // $disconnect ends the pool only if Prisma itself ever connected; the hot reads may have
    // been all this process ran.
    if (!this.pool.ended) await this.pool.end();
  }
}
