import { Injectable } from '@nestjs/common';
import type { TNotification, TSendNotificationRequest } from '@douyin-kit/contracts';
import { AppConfig } from '../../../core/config/app-config.js';
import { AppError } from '../../../core/errors/app-error.js';
import { NotificationQueue } from '../notification-queue.js';
import { NotificationsRepository } from '../notifications.repository.js';
import { toNotificationOutput } from '../outputs/notification.output.js';

/**
 * Queues subscription messages. Every refusal (unknown template, wrong keywords, unknown
 * user, no consent) happens here, before anything reaches Douyin.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly config: AppConfig,
    private readonly repository: NotificationsRepository,
    private readonly queue: NotificationQueue,
  ) {}

  async send(input: TSendNotificationRequest): Promise<{ created: boolean; notification: TNotification }> {
    const appId = this.config.douyin.appId;
    const template = await this.repository.findTemplate(appId, input.templateId);
    if (!template) {
      throw new AppError('TEMPLATE_UNKNOWN', `Template ${input.templateId} is not in this app's template registry`, {
        templateIds: [input.templateId],
      });
    }
    assertKeywords(template.keywords, input.data);
    const user = await this.repository.findRecipient(appId, input.user);
    if (!user) throw new AppError('NOT_FOUND', 'No such user in this app');
    // Anonymous users (no host-app login) have no openid: Douyin cannot address them.
    if (!user.openId) throw new AppError('NOT_SUBSCRIBED', 'The user has no openid (never logged in to the host app)');

    const result = await this.repository.enqueue(
      {
        appId,
        userId: user.id,
        templateId: input.templateId,
        kind: template.kind,
        data: input.data,
        page: input.page ?? null,
        idempotencyKey: input.idempotencyKey,
      },
      (tx, id) => this.queue.enqueue(tx, id),
    );
    switch (result.outcome) {
      case 'created':
      case 'existing':
        return { created: result.outcome === 'created', notification: toNotificationOutput(result.notification) };
      case 'conflict':
        throw new AppError('CONFLICT', 'This idempotencyKey was already used for a different message');
      case 'not-subscribed':
        throw new AppError('NOT_SUBSCRIBED', `Not sent: ${result.reason}`);
    }
  }

  async get(id: string): Promise<TNotification> {
    const row = await this.repository.findById(this.config.douyin.appId, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such notification');
    return toNotificationOutput(row);
  }
}

/**
 * `data` must carry exactly the template's keyword labels: Douyin refuses unknown labels and
 * shows blanks for missing ones. A template registered without keywords is not checked.
 */
function assertKeywords(keywords: readonly string[], data: Record<string, string>): void {
  if (keywords.length === 0) return;
  const given = Object.keys(data);
  const missing = keywords.filter((k) => !given.includes(k));
  const extra = given.filter((k) => !keywords.includes(k));
  if (missing.length === 0 && extra.length === 0) return;
  const issues = [
    ...missing.map((k) => ({ path: `body.data.${k}`, message: 'keyword of the template is missing' })),
    ...extra.map((k) => ({ path: `body.data.${k}`, message: 'not a keyword of the template' })),
  ];
  throw new AppError('VALIDATION_FAILED', "data must carry exactly the template's keywords", { issues, missing, extra });
}
