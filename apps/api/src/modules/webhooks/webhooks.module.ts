import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { WebhooksController } from './controllers/webhooks.controller.js';
import { WebhookProcessor } from './services/webhook-processor.service.js';
import { WebhooksService } from './services/webhooks.service.js';
import { WebhookEventsRepository } from './webhook-events.repository.js';
import { WebhookQueue } from './webhook-queue.js';
import { WebhooksWorker } from './webhooks.worker.js';

/**
 * Douyin's event push (`POST /webhooks/douyin`): signature checked on the raw bytes, each event
 * stored once per Msg-Id in `webhook_events`, then processed by a queue job on the notification
 * queue's pg-boss. user_subscribe_action confirms consents in the subscription ledger (source
 * `webhook`); send_push_failed_event marks the user's latest message of that template.
 */
@Module({
  imports: [NotificationsModule, SubscriptionsModule],
  controllers: [WebhooksController],
  providers: [WebhookEventsRepository, WebhookQueue, WebhooksService, WebhookProcessor, WebhooksWorker],
  exports: [WebhooksWorker],
})
export class WebhooksModule {}
