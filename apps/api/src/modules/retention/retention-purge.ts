import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import { RetentionRepository } from './retention.repository.js';

/**
 * Batches one run deletes at most per kind: a backlog (a first run on an old database) is worked
 * off over several runs instead of one run holding the worker for long.
 */
export const MAX_BATCHES_PER_RUN = 100;

const DAY_MS = 24 * 3600 * 1000;

export interface PurgeCount {
  deleted: number;
  /** False when the run stopped at MAX_BATCHES_PER_RUN (or at shutdown) with rows maybe left. */
  complete: boolean;
}

export interface PurgeReport {
  sessions: PurgeCount;
  anonymousUsers: PurgeCount;
}

/**
 * What the scheduled purge does (RetentionWorker runs it): sessions that ended (expired or
 * revoked) more than SESSIONS_PURGE_GRACE_DAYS ago, then anonymous users not seen for
 * ANONYMOUS_USER_RETENTION_DAYS with no live session. Each kind in batches of
 * SESSIONS_PURGE_BATCH_SIZE until a batch comes back short.
 */
@Injectable()
export class RetentionPurge {
  constructor(
    private readonly repository: RetentionRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** `shouldStop` is asked between batches (shutdown). */
  async run(shouldStop: () => boolean = () => false): Promise<PurgeReport> {
    const now = this.clock.now();
    const { appId } = this.config.douyin;
    const { sessionGraceDays, anonymousUserDays, batchSize } = this.config.retention;
    const endedBefore = new Date(now.getTime() - sessionGraceDays * DAY_MS);
    const seenBefore = new Date(now.getTime() - anonymousUserDays * DAY_MS);
    const sessions = await inBatches(batchSize, shouldStop, () => this.repository.deleteEndedSessions(appId, endedBefore, batchSize));
    const anonymousUsers = await inBatches(batchSize, shouldStop, () =>
      this.repository.deleteAbandonedAnonymousUsers(appId, seenBefore, now, batchSize),
    );
    return { sessions, anonymousUsers };
  }
}

async function inBatches(batchSize: number, shouldStop: () => boolean, deleteBatch: () => Promise<number>): Promise<PurgeCount> {
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !shouldStop(); batch++) {
    const count = await deleteBatch();
    deleted += count;
    if (count < batchSize) return { deleted, complete: true };
  }
  return { deleted, complete: false };
}
