import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { Clock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import { NotificationAttemptsRepository } from './notification-attempts.repository.js';
import type { SendJobData } from './notification-jobs.js';
import { NotificationQueue } from './notification-queue.js';
import { classifySendError } from './send-outcome.js';
import { NotificationSender } from './services/notification-sender.js';

/** Seconds between attempts to start the workers while the database is unreachable. */
const START_RETRY_MS = 5_000;

/**
 * Sends queued notifications: in the API process when NOTIFY_WORKERS_IN_PROCESS (default), or
 * in `dist/worker.js`. Logs carry ids, attempts and error codes only: message data may hold
 * personal information and is never logged.
 */
@Injectable()
export class NotificationsWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('NotificationsWorker');

  constructor(
    private readonly config: AppConfig,
    private readonly queue: NotificationQueue,
    private readonly attempts: NotificationAttemptsRepository,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
  ) {}

  private started = false;

  onApplicationBootstrap(): void {
    if (this.config.notifications.workersInProcess) this.start();
  }

  /** Starts the pollers once (the API at boot when configured, or `dist/worker.js`). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.startWhenPossible();
  }

  /** Not awaited by boot: the API must come up (and say "not ready") while the database is down. */
  private async startWhenPossible(): Promise<void> {
    for (;;) {
      try {
        await this.queue.work(
          (job) => this.handle(job),
          (job) => this.handleDead(job),
        );
        this.logger.log(`Notification workers started (${this.config.notifications.concurrency} on ${this.queue.names.send})`);
        return;
      } catch (error) {
        if (this.queue.stopping) return;
        this.logger.warn(`Notification workers not started (${error instanceof Error ? error.message : 'unknown error'}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS).unref());
      }
    }
  }

  /**
   * One job = one attempt. Returning completes the job (sent, or settled for good); throwing
   * hands it back to pg-boss, which retries it after its back-off delay or, out of retries,
   * moves it to the dead-letter queue.
   */
  async handle(job: PgBoss.JobWithMetadata<SendJobData>): Promise<void> {
    const id = job.data.notificationId;
    const start = await this.attempts.begin(id, this.config.douyin.appId, this.config.douyin.webhooks);
    if (start.action === 'skip') {
      this.logger.log({ msg: 'notification skipped', notificationId: id, why: start.why });
      return;
    }
    const { task } = start;
    let logId: string | undefined;
    try {
      ({ logId } = await this.sender.send(task));
    } catch (error) {
      const failure = classifySendError(error, { retryAfterTimeout: this.config.notifications.retryAfterTimeout, kind: task.kind });
      const fields = { notificationId: id, attempt: task.attempt, code: failure.code, logId: failure.logId };
      if (failure.decision === 'retry') {
        await this.attempts.retryLater(task, failure);
        this.logger.warn({ msg: 'notification send failed; will retry', ...fields, retriesLeft: job.retryLimit - job.retryCount });
        // No `cause`: pg-boss serializes the thrown error, cause included, into the job's output
        // column, where the upstream error does not belong; the row and the log keep its code.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`retryable: ${failure.code}`);
      }
      await this.attempts.settle(task, failure);
      this.logger.warn({ msg: failure.decision === 'fail' ? 'notification refused by Douyin' : 'notification outcome unknown', ...fields });
      return;
    }
    await this.attempts.succeed(task, logId, this.clock.now());
    this.logger.log({ msg: 'notification sent', notificationId: id, attempt: task.attempt, logId });
  }

  /** Out of retries (or expired on the last one): settle the row so no message stays pending. */
  async handleDead(job: PgBoss.Job<SendJobData>): Promise<void> {
    await this.attempts.giveUp(job.data.notificationId);
    this.logger.warn({ msg: 'notification given up', notificationId: job.data.notificationId });
  }
}
