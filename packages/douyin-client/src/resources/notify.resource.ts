import type { RequestSender } from '../request-sender.js';
import { readPolicy, sendOncePolicy } from '../retry-policy.js';
import type { TokenBroker } from '../tokens/token-broker.js';
import { isRecord } from '../type-guards.js';

/** v1 notify input. `data` maps the template's keyword labels to plain strings. */
export interface NotifyV1Input {
  /** App access token; by default the app token broker supplies (and renews) it. */
  accessToken?: string;
  templateId: string;
  openId: string;
  data: Record<string, string>;
  page?: string;
}

/** v2 `notify_type` values: 1 real-time alert, 2 in-app inbox. */
export type NotifyType = 1 | 2;

export interface NotifyV2Input {
  templateId: string;
  openId: string;
  data: Record<string, string>;
  page?: string;
  notifyType?: NotifyType[];
}

export interface QueryUserSubscribeInput {
  templateId: string;
  openId: string;
}

/** Subscription status as the platform reports it. */
export interface UserSubscribeStatus {
  /**
   * `subscribe_status`, an integer (the official sample's `1`, the official SDK's number type);
   * undefined when the answer carried no number.
   */
  subscribeStatus: number | undefined;
  /** `subscribeStatus === 1`: the user may be sent this template. Anything else reads as not subscribed. */
  subscribed: boolean;
  /** `user_allow_notification` as sent (its type is undocumented). */
  userAllowNotification: unknown;
  /** The whole `data` object, for fields not modelled here. */
  data: Record<string, unknown>;
}

/** Result of a send: the platform's log id, worth storing in our own message ledger. */
export interface NotifyResult {
  logId: string | undefined;
}

export class NotifyResource {
  constructor(
    private readonly sender: RequestSender,
    private readonly appId: string,
    private readonly appTokens: TokenBroker,
    private readonly clientTokens: TokenBroker,
  ) {}

  /**
   * POST /api/apps/subscribe_notification/developer/v1/notify. Never re-sent once the request
   * may have reached the server; on an expired token it renews the token and sends once more
   * (the platform rejected the first request, so nothing was delivered).
   */
  async notifyV1(input: NotifyV1Input): Promise<NotifyResult> {
    const send = async (token: string): Promise<NotifyResult> => {
      const body: Record<string, unknown> = {
        access_token: token,
        app_id: this.appId,
        tpl_id: input.templateId,
        open_id: input.openId,
        data: input.data,
      };
      if (input.page !== undefined) body.page = input.page;
      const env = await this.sender.send({
        operation: 'notify_v1',
        family: 'apps',
        path: '/api/apps/subscribe_notification/developer/v1/notify',
        body,
        secrets: [token],
        retry: sendOncePolicy,
      });
      return { logId: env.logId };
    };
    return input.accessToken ? send(input.accessToken) : this.appTokens.withToken(send);
  }

  /** POST /api/notification/v2/subscription/notify_user/ with the client_token header. */
  async notifyV2(input: NotifyV2Input): Promise<NotifyResult> {
    return this.clientTokens.withToken(async (token) => {
      const body: Record<string, unknown> = { msg_id: input.templateId, open_id: input.openId, data: input.data };
      if (input.page !== undefined) body.page = input.page;
      if (input.notifyType !== undefined) body.notify_type = input.notifyType;
      const env = await this.sender.send({
        operation: 'notify_v2',
        family: 'open',
        path: '/api/notification/v2/subscription/notify_user/',
        headers: { 'access-token': token },
        body,
        secrets: [token],
        retry: sendOncePolicy,
      });
      return { logId: env.logId };
    });
  }

  /** POST /api/notification/v2/subscription/query_user_subscribe/ (a read: retried freely). */
  async queryUserSubscribe(input: QueryUserSubscribeInput): Promise<UserSubscribeStatus> {
    return this.clientTokens.withToken(async (token) => {
      const env = await this.sender.send({
        operation: 'query_user_subscribe',
        family: 'open',
        path: '/api/notification/v2/subscription/query_user_subscribe/',
        headers: { 'access-token': token },
        body: { msg_id: input.templateId, open_id: input.openId },
        secrets: [token],
        retry: readPolicy,
      });
      const data = isRecord(env.data) ? env.data : {};
      const status = typeof data.subscribe_status === 'number' && Number.isInteger(data.subscribe_status) ? data.subscribe_status : undefined;
      return { subscribeStatus: status, subscribed: status === 1, userAllowNotification: data.user_allow_notification, data };
    });
  }
}
