import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The single Prisma client of the process, on the pg driver adapter (Prisma 7's Rust-free
 * client: no engine binary at run time). It connects lazily on first query so the API boots
 * while the database is down and `/ready` can say so. It disconnects in the last shutdown
 * phase, after the server has closed: requests in flight and notification sends being drained
 * (HttpDrain, NotificationQueue) still use it until then.
 *
 * `pool` is the pg pool under Prisma, for the few reads every authenticated request makes: there
 * Prisma's client runtime was the largest share of the API's CPU (`pnpm bench --profile`), and a
 * named (server-side prepared) pg query does the same read for a fraction of it.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    const pool = new pg.Pool({ connectionString: config.database.url });
    // disposeExternalPool: $disconnect ends the pool, as it would a pool of its own.
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    // $disconnect ends the pool only if Prisma itself ever connected; the hot reads may have
    // been all this process ran.
    if (!this.pool.ended) await this.pool.end();
  }
}
