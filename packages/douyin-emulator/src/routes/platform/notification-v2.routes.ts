import type { FastifyInstance, FastifyRequest } from 'fastify';
import { openBody } from '../../errors/envelopes.js';
import { newLogId } from '../../identifiers.js';
import type { DeliverRefusal } from '../../services/subscriptions.service.js';
import type { TokenCheck } from '../../services/tokens.service.js';
import { asRecord, isFilled, isStringMap, type RouteDeps } from '../route-config.js';

const PARAM_ERROR = 28014001;

/** v2 subscription notify and status query (open platform, `access-token: clt.…` header). */
export function registerNotificationV2Routes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  const errNos = ctx.options.errNos;
  const refusalErrNo: Record<DeliverRefusal, number> = {
    unknown_template: PARAM_ERROR,
    unknown_user: PARAM_ERROR,
    bad_keywords: PARAM_ERROR,
    content_rejected: errNos.v2ContentRejected,
    banned: errNos.notSubscribed,
    not_subscribed: errNos.notSubscribed,
    rate_limited: errNos.v2RateLimited,
    quota_exhausted: errNos.quotaExhausted,
  };
  const clientToken = (request: FastifyRequest): TokenCheck => services.tokens.check('client', request.headers['access-token']);

  app.post('/api/notification/v2/subscription/notify_user/', { config: { operation: 'notify_v2', family: 'open' } }, async (request) => {
    const logId = newLogId(ctx.clock.now());
    const check = clientToken(request);
    if (!check.ok) return openBody(services.tokens.errNoFor(check.reason), logId);
    const { msg_id, open_id, data, page, notify_type } = asRecord(request.body);
    const notifyTypeOk = notify_type === undefined || (Array.isArray(notify_type) && notify_type.every((t) => t === 1 || t === 2));
    if (!isFilled(msg_id) || !isFilled(open_id) || !isStringMap(data) || (page !== undefined && typeof page !== 'string') || !notifyTypeOk) {
      return openBody(PARAM_ERROR, logId);
    }
    const result = services.subscriptions.deliver({
      appid: check.app.appid,
      templateId: msg_id,
      openid: open_id,
      data,
      page: typeof page === 'string' && page !== '' ? page : null,
      apiVersion: 'v2',
      notifyType: (notify_type as number[] | undefined) ?? null,
    });
    return openBody(result.ok ? 0 : refusalErrNo[result.refusal], logId);
  });

  app.post(
    '/api/notification/v2/subscription/query_user_subscribe/',
    { config: { operation: 'query_user_subscribe', family: 'open' } },
    async (request) => {
      const logId = newLogId(ctx.clock.now());
      const check = clientToken(request);
      if (!check.ok) return openBody(services.tokens.errNoFor(check.reason), logId);
      const { msg_id, open_id } = asRecord(request.body);
      if (!isFilled(msg_id) || !isFilled(open_id)) return openBody(PARAM_ERROR, logId);
      const status = services.subscriptions.status(check.app.appid, msg_id, open_id);
      if (!status) return openBody(PARAM_ERROR, logId);
      // subscribe_status is an integer (official sample 1, the SDK's number type): 1 subscribed,
      // 0 not. user_allow_notification's type is undocumented; a boolean is the emulator's reading.
      return openBody(0, logId, {
        subscribe_status: status.subscribed ? 1 : 0,
        user_allow_notification: status.allowNotification,
      });
    },
  );
}
