import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { settleWithin } from '../../core/lifecycle/settle-within.js';
import { queueNames, transactionDb, type SendJobData } from './notification-jobs.js';

/**
 * The notification job queue: pg-boss in its own `pgboss` schema of the API's database, so a
 * job and its notification row commit together. pg-boss starts on first use (the API still
 * boots while the database is down; `/ready` reports that) and stops on shutdown.
 */
@Injectable()
export class NotificationQueue implements OnModuleDestroy {
  private readonly logger = new Logger('NotificationQueue');
  readonly names: { send: string; dead: string };
  private starting: Promise<PgBoss> | undefined;
  /** Set once shutdown began: nothing starts any more. */
  stopping = false;
  /** The job handlers running in this process (settled, never rejecting): shutdown waits for them. */
  private readonly running = new Set<Promise<void>>();
  /** The last createQueue() call, which the next one waits for. */
  private queueCreation: Promise<void> = Promise.resolve();

  constructor(private readonly config: AppConfig) {
    this.names = queueNames(config.douyin.appId);
  }

  /** A fresh instance per start attempt: one whose start failed never starts again. */
  private createBoss(): PgBoss {
    const { concurrency, expireSeconds } = this.config.notifications;
    const boss = new PgBoss({
      connectionString: this.config.database.url,
      schema: 'pgboss',
      application_name: 'douyin-kit-notifications',
      // Fetch/complete/fail and maintenance only; the sends' own reads and writes go through Prisma.
      max: concurrency + 2,
      // Maintenance is what finds jobs of a crashed worker (active past their expiry) and
      // retries them: run it well within the expiry so recovery takes about one expiry.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(expireSeconds / 2))),
      // The timekeeper fires cron schedules (the retention purge, RetentionWorker).
      schedule: true,
    });
    // Never the job data: it is only an id, but pg errors stay the only detail logged.
    boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`));
    return boss;
  }

  /** Starts pg-boss once (installs or migrates its schema, creates the queues). */
  start(): Promise<PgBoss> {
    if (this.stopping) return Promise.reject(new Error('the notification queue is shutting down'));
    this.starting ??= this.install().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  /**
   * Creates another module's queue on this pg-boss (a no-op when it exists), one at a time:
   * createQueue adds a partition, and concurrent ones on a fresh database deadlocked each other
   * at the first start (the retention worker then retried after 5 s with a warning).
   */
  createQueue(name: string, options: PgBoss.Queue): Promise<PgBoss> {
    const created = this.queueCreation.then(async () => {
      const boss = await this.start();
      await boss.createQueue(name, options);
      return boss;
    });
    this.queueCreation = created.then(
      () => undefined,
      () => undefined,
    );
    return created;
  }

  /**
   * Adds the send job inside the caller's transaction. The job id is the notification id, so
   * a job can only ever exist once per notification.
   */
  async enqueue(tx: Prisma.TransactionClient, notificationId: string): Promise<void> {
    const boss = await this.bossForEnqueue();
    const data: SendJobData = { notificationId };
    const id = await boss.send(this.names.send, data, { id: notificationId, ...this.jobOptions(), db: transactionDb(tx) });
    if (!id) throw new Error(`queue ${this.names.send} refused the job (queue missing?)`);
  }

  /** Registers `concurrency` pollers on the send queue and one on the dead-letter queue. */
  async work(
    onSend: (job: PgBoss.JobWithMetadata<SendJobData>) => Promise<void>,
    onDead: (job: PgBoss.Job<SendJobData>) => Promise<void>,
  ): Promise<void> {
    const boss = await this.start();
    const options = { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true as const };
    for (let i = 0; i < this.config.notifications.concurrency; i++) {
      await boss.work<SendJobData>(this.names.send, options, async ([job]) => job && this.track(onSend(job)));
    }
    await boss.work<SendJobData>(this.names.dead, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => job && this.track(onDead(job)));
  }

  /**
   * Graceful stop (SHUTDOWN_TIMEOUT_SECONDS): no new fetches, and the sends in flight get until
   * the deadline to finish. pg-boss then fails what is left back to the queue (another worker
   * retries it; a retry of a send that was in flight ends as outcome unknown, never a second
   * send). The database pool stays open until this returns (PrismaService disconnects later).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (!this.starting) return;
    let boss: PgBoss;
    try {
      boss = await this.starting;
    } catch {
      return;
    }
    const { timeoutMs } = this.config.shutdown;
    const deadline = Date.now() + timeoutMs;
    // A failure here (the database gone) must not stop the rest of the shutdown.
    await boss.stop({ graceful: true, timeout: timeoutMs, wait: true }).catch((error: unknown) => {
      this.logger.error(`pg-boss did not stop cleanly: ${error instanceof Error ? error.message : 'unknown error'}`);
    });
    // pg-boss counts a job as in flight only once its fetch has returned: a fetch still on the
    // wire when it stopped hands its job to the handler after that, within the same turn.
    await new Promise((resolve) => setImmediate(resolve));
    if (!(await settleWithin(Promise.all(this.running), deadline - Date.now()))) {
      this.logger.warn(`${this.running.size} notification job handler(s) still running at the shutdown deadline; their jobs go back to the queue`);
    }
  }

  /**
   * The pg-boss instance to add a job with. During shutdown a request still in flight may queue
   * one: the insert runs in the request's own transaction, so a stopped instance still does
   * (its pool is not used) and the job waits for the next worker. Only an instance that never
   * started cannot be started any more.
   */
  private bossForEnqueue(): Promise<PgBoss> {
    if (this.stopping && !this.starting) {
      return Promise.reject(new AppError('NOT_READY', 'The server is shutting down: retry, another instance will answer', { retryAfterSeconds: 1 }));
    }
    return this.starting ?? this.start();
  }

  private track(handler: Promise<void>): Promise<void> {
    const settled = handler.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return handler;
  }

  /**
   * Retry settings travel with each job, so the enqueuing instance's configuration applies:
   * pg-boss doubles the delay (with jitter) per retry, covering Douyin's 1 message per second
   * per user and short busy spells; `expireInSeconds` bounds how long a crashed worker holds a job.
   */
  private jobOptions(): PgBoss.SendOptions {
    const { retryLimit, retryDelaySeconds, expireSeconds } = this.config.notifications;
    return { retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds: expireSeconds, deadLetter: this.names.dead };
  }

  private async install(): Promise<PgBoss> {
    const boss = this.createBoss();
    try {
      await boss.start();
      // Dead letters first: the send queue refers to it. createQueue is a no-op when it exists.
      await boss.createQueue(this.names.dead, { name: this.names.dead });
      await boss.createQueue(this.names.send, { name: this.names.send, deadLetter: this.names.dead });
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => undefined);
      throw error;
    }
    return boss;
  }
}
