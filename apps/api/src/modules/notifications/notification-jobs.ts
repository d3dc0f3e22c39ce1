import type PgBoss from 'pg-boss';
import type { Prisma } from '../../generated/prisma/client.js';

/** What a send job carries: only the id. The row is the truth; the job is a wake-up call. */
export interface SendJobData {
  notificationId: string;
}

/**
 * Queue names per app: deployments of different mini-programs may share one database, and a
 * worker must only ever send with its own app's credentials.
 */
export function queueNames(appId: string): { send: string; dead: string } {
  const safe = appId.replace(/[^\w-]/g, '_');
  return { send: `notify-send-${safe}`, dead: `notify-dead-${safe}` };
}

/**
 * pg-boss's `db` option over a Prisma interactive transaction, so the job is inserted in the
 * same transaction as the notification row: both exist or neither does, and no sweeper is
 * needed to find rows whose job was lost between two commits.
 */
export function transactionDb(tx: Prisma.TransactionClient): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // pg-boss passes undefined for unset options and a plain object for the job data.
      const params = values.map((v) =>
        v === undefined ? null : v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}
