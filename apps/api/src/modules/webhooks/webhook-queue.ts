import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { AppConfig } from '../../core/config/app-config.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { transactionDb } from '../notifications/notification-jobs.js';
import { NotificationQueue } from '../notifications/notification-queue.js';

export interface WebhookJobData {
  eventId: string;
}

/**
 * The queue of stored webhook events to process, on the notification queue's pg-boss (its own
 * queue per app, like the sends). The event row is the truth; the job only says "process it".
 */
@Injectable()
export class WebhookQueue {
  readonly name: string;
  private created: Promise<PgBoss> | undefined;

  constructor(
    config: AppConfig,
    private readonly queue: NotificationQueue,
  ) {
    this.name = `webhook-events-${config.douyin.appId.replace(/[^\w-]/g, '_')}`;
  }

  /** pg-boss with this queue created (once per process; a no-op when it exists). */
  ready(): Promise<PgBoss> {
    this.created ??= this.queue
      .createQueue(this.name, { name: this.name, retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 })
      .catch((error: unknown) => {
        this.created = undefined;
        throw error;
      });
    return this.created;
  }

  /** Adds the job inside the transaction that stores the event: both or neither. */
  async enqueue(tx: Prisma.TransactionClient, eventId: string): Promise<void> {
    const boss = await this.ready();
    const data: WebhookJobData = { eventId };
    const id = await boss.send(this.name, data, { id: eventId, db: transactionDb(tx) });
    if (!id) throw new Error(`queue ${this.name} refused the job`);
  }

  get stopping(): boolean {
    return this.queue.stopping;
  }
}
