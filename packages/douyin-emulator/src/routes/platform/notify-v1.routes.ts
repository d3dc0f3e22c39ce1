import type { FastifyInstance } from 'fastify';
import { v2Body } from '../../errors/envelopes.js';
import type { DeliverRefusal } from '../../services/subscriptions.service.js';
import { asRecord, isFilled, isStringMap, type RouteDeps } from '../route-config.js';

/** v1 subscription notify (legacy host): `{err_no, err_tips}` with the documented 1xxx codes; success is `{err_no: 0, err_tips: ""}`. */
export function registerNotifyV1Routes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  const errNos = ctx.options.errNos;
  const refusalErrNo: Record<DeliverRefusal, number> = {
    unknown_template: 1001,
    unknown_user: 1001,
    bad_keywords: 1001,
    content_rejected: 1008,
    banned: 1009,
    not_subscribed: errNos.notSubscribed,
    rate_limited: 1010,
    quota_exhausted: errNos.quotaExhausted,
  };

  app.post('/api/apps/subscribe_notification/developer/v1/notify', { config: { operation: 'notify_v1', family: 'v2' } }, async (request) => {
    const body = asRecord(request.body);
    const { access_token, app_id, tpl_id, open_id, data, page } = body;
    const wellFormed =
      isFilled(access_token) &&
      isFilled(app_id) &&
      isFilled(tpl_id) &&
      isFilled(open_id) &&
      isStringMap(data) &&
      (page === undefined || page === null || typeof page === 'string');
    if (!wellFormed) return v2Body(1000, undefined);

    const check = services.tokens.check('app', access_token);
    if (!check.ok) return v2Body(services.tokens.errNoFor(check.reason), undefined);
    if (check.app.appid !== app_id) return v2Body(1001, undefined, 'app_id does not match access_token');

    const result = services.subscriptions.deliver({
      appid: app_id,
      templateId: tpl_id,
      openid: open_id,
      data,
      page: typeof page === 'string' && page !== '' ? page : null,
      apiVersion: 'v1',
      notifyType: null,
    });
    // Success has empty tips (the seed and the official sample), unlike token/jscode2session.
    return result.ok ? v2Body(0, undefined, '') : v2Body(refusalErrNo[result.refusal], undefined);
  });
}
