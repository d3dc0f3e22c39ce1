import type { TNotification } from '@douyin-kit/contracts';
import type { NotificationRecord } from '../notifications.repository.js';

/** The row as the admin API shows it: the message data stays inside (it may be personal). */
export function toNotificationOutput(row: NotificationRecord): TNotification {
  return {
    id: row.id,
    userId: row.userId,
    templateId: row.templateId,
    idempotencyKey: row.idempotencyKey,
    status: row.status,
    attempts: row.attempts,
    lastErrorCode: row.lastErrorCode,
    lastError: row.lastError,
    lastLogId: row.lastLogId,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
