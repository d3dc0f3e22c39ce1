import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RetentionPurge } from './retention-purge.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionWorker } from './retention.worker.js';

/**
 * Keeps what the API stores bounded: ended sessions and abandoned anonymous users are deleted
 * by a scheduled purge on the notification queue's pg-boss.
 */
@Module({
  imports: [NotificationsModule],
  providers: [RetentionRepository, RetentionPurge, RetentionWorker],
  exports: [RetentionWorker],
})
export class RetentionModule {}
