import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import { WebhookProcessor } from './services/webhook-processor.service.js';
import { WebhookEventsRepository } from './webhook-events.repository.js';
import { WebhookQueue, type WebhookJobData } from './webhook-queue.js';

const START_RETRY_MS = 5_000;

/**
 * Processes stored webhook events, in the processes that run the notification workers (the API
 * with NOTIFY_WORKERS_IN_PROCESS, or `dist/worker.js`). A failure throws back to pg-boss, which
 * retries with back-off; the event row stays `received` until one attempt finishes it.
 */
@Injectable()
export class WebhooksWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhooksWorker');
  private started = false;

  constructor(
    private readonly config: AppConfig,
    private readonly queue: WebhookQueue,
    private readonly events: WebhookEventsRepository,
    private readonly processor: WebhookProcessor,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.notifications.workersInProcess) this.start();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.startWhenPossible();
  }

  async handle(job: { data: WebhookJobData }): Promise<void> {
    const event = await this.events.find(job.data.eventId);
    if (event?.state !== 'received') return;
    const { state, outcome } = await this.processor.process(event);
    await this.events.finish(event.id, state, outcome, this.clock.now());
    // Ids and outcome codes only: open_ids stay in the table.
    this.logger.log({ msg: 'webhook processed', eventId: event.id, event: event.event, state, outcome });
  }

  private async startWhenPossible(): Promise<void> {
    for (;;) {
      try {
        const boss = await this.queue.ready();
        await boss.work<WebhookJobData>(this.queue.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => job && this.handle(job));
        this.logger.log(`Webhook worker started (${this.queue.name})`);
        return;
      } catch (error) {
        if (this.queue.stopping) return;
        this.logger.warn(`Webhook worker not started (${error instanceof Error ? error.message : 'unknown error'}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS).unref());
      }
    }
  }
}
