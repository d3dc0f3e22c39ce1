import { Module } from '@nestjs/common';
import { AdminNotificationsController } from './controllers/admin-notifications.controller.js';
import { NotificationAttemptsRepository } from './notification-attempts.repository.js';
import { NotificationQueue } from './notification-queue.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsWorker } from './notifications.worker.js';
import { NotificationSender } from './services/notification-sender.js';
import { NotificationsService } from './services/notifications.service.js';

/**
 * Subscription messages: `POST /admin/notifications` checks template, keywords, user and
 * consent, reserves a one-time credit and queues a pg-boss job in one transaction; the worker
 * sends it (v1 or v2 per template), retries what certainly was not delivered, and never
 * re-sends what may have been. `GET /admin/notifications/:id` shows where a message is.
 */
@Module({
  controllers: [AdminNotificationsController],
  providers: [
    NotificationsRepository,
    NotificationAttemptsRepository,
    NotificationQueue,
    NotificationSender,
    NotificationsService,
    NotificationsWorker,
  ],
  exports: [NotificationQueue, NotificationsWorker],
})
export class NotificationsModule {}
