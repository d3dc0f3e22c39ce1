import { Injectable } from '@nestjs/common';
import { DouyinClient } from '@douyin-kit/douyin-client';
import type { SendTask } from '../notification-attempts.repository.js';

/**
 * The one place a message goes to Douyin. v1 (legacy host) uses the app access token, v2
 * (open platform) the client_token; the client's brokers supply both and renew once on
 * token_invalid (the platform refused the call, so that one retry cannot double-send).
 */
@Injectable()
export class NotificationSender {
  constructor(private readonly douyin: DouyinClient) {}

  async send(task: SendTask): Promise<{ logId: string | undefined }> {
    const common = { templateId: task.templateId, openId: task.openId, data: task.data, ...(task.page ? { page: task.page } : {}) };
    return task.api === 'v1' ? this.douyin.notifyV1(common) : this.douyin.notifyV2(common);
  }
}
