import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config.js';
import { NotificationQueue } from '../notifications/notification-queue.js';
import { RetentionPurge } from './retention-purge.js';

/** Hourly, at a minute when little else is scheduled: small runs rather than one large one. */
export const PURGE_CRON = '41 * * * *';

/** Seconds between attempts to register while the database is unreachable. */
const START_RETRY_MS = 5_000;

/** Per app, like the notification queues: each deployment purges its own users. */
export function purgeQueueName(appId: string): string {
  return `retention-purge-${appId.replace(/[^\w-]/g, '_')}`;
}

/**
 * Runs the purge on a pg-boss cron schedule, in the processes that run the notification workers
 * (the API with NOTIFY_WORKERS_IN_PROCESS, or `dist/worker.js`). Any number of them may register:
 * the schedule is one row per queue, pg-boss fires each cron tick once for all instances, and the
 * queue's `stately` policy keeps at most one run queued and one running.
 */
@Injectable()
export class RetentionWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('RetentionWorker');
  readonly queueName: string;
  private started = false;

  constructor(
    private readonly config: AppConfig,
    private readonly queue: NotificationQueue,
    private readonly purge: RetentionPurge,
  ) {
    this.queueName = purgeQueueName(config.douyin.appId);
  }

  onApplicationBootstrap(): void {
    if (this.config.notifications.workersInProcess) this.start();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.startWhenPossible();
  }

  /** Creates the queue, (re)writes its schedule and polls it. */
  async register(): Promise<void> {
    const boss = await this.queue.createQueue(this.queueName, { name: this.queueName, policy: 'stately', retryLimit: 0, expireInSeconds: 15 * 60 });
    await boss.schedule(this.queueName, PURGE_CRON, {}, { tz: 'UTC' });
    await boss.work(this.queueName, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      await this.handle();
    });
  }

  /** One run; logs counts only. A failure fails the job; the next hour's run starts over. */
  async handle(): Promise<void> {
    const report = await this.purge.run(() => this.queue.stopping);
    this.logger.log({
      msg: 'retention purge done',
      sessionsDeleted: report.sessions.deleted,
      anonymousUsersDeleted: report.anonymousUsers.deleted,
      complete: report.sessions.complete && report.anonymousUsers.complete,
    });
  }

  /** Not awaited by boot: the API must come up while the database is down. */
  private async startWhenPossible(): Promise<void> {
    for (;;) {
      try {
        await this.register();
        this.logger.log(`Retention purge scheduled (${PURGE_CRON} UTC on ${this.queueName})`);
        return;
      } catch (error) {
        if (this.queue.stopping) return;
        this.logger.warn(`Retention purge not scheduled (${error instanceof Error ? error.message : 'unknown error'}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS).unref());
      }
    }
  }
}
