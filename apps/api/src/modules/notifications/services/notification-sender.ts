import { Injectable } from '@nestjs/common';
import { DouyinClient, type NotifyType } from '@douyin-kit/douyin-client';
import type { SendTask } from '../notification-attempts.repository.js';
import { NotSubscribedOnDouyin } from '../send-outcome.js';

/**
 * The one place a message goes to Douyin. v1 (legacy host) uses the app access token, v2
 * (open platform) the client_token and sends the template's notify_type from the registry; the client's brokers supply both and renew once on
 * token_invalid (the platform refused the call, so that one retry cannot double-send).
 *
 * A task whose consent only the mini-program reported (DOUYIN_WEBHOOKS on, no webhook confirmed
 * it) is first checked with query_user_subscribe: the client's report alone could come from any
 * logged-in caller. `subscribe_status` is an integer (1 = subscribed) per the docs; a boolean
 * `true` from an older emulator or SDK reads the same.
 */
@Injectable()
export class NotificationSender {
  constructor(private readonly douyin: DouyinClient) {}

  async send(task: SendTask): Promise<{ logId: string | undefined }> {
    if (task.confirmFirst) {
      const status = await this.douyin.queryUserSubscribe({ templateId: task.templateId, openId: task.openId });
      const subscribed: unknown = status.subscribeStatus;
      if (subscribed !== 1 && subscribed !== true) throw new NotSubscribedOnDouyin();
    }
    const common = { templateId: task.templateId, openId: task.openId, data: task.data, ...(task.page ? { page: task.page } : {}) };
    if (task.api === 'v1') return this.douyin.notifyV1(common);
    // The registry validated the values (1 real-time alert, 2 in-app inbox).
    const notifyType = task.notifyTypes.filter((t): t is NotifyType => t === 1 || t === 2);
    return this.douyin.notifyV2({ ...common, ...(notifyType.length ? { notifyType } : {}) });
  }
}
