import type { FastifyInstance } from 'fastify';
import { openBody } from '../../errors/envelopes.js';
import { newLogId } from '../../identifiers.js';
import type { RouteDeps } from '../route-config.js';

/** `POST /api/apps/v1/privacy_setting/query/` (client_token): has the app configured its privacy agreement? */
export function registerPrivacySettingRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  app.post('/api/apps/v1/privacy_setting/query/', { config: { operation: 'privacy_setting_query', family: 'open' } }, async (request) => {
    const logId = newLogId(ctx.clock.now());
    const check = services.tokens.check('client', request.headers['access-token']);
    if (!check.ok) return openBody(services.tokens.errNoFor(check.reason), logId);
    return openBody(0, logId, { is_configure: services.privacy.isConfigured(check.app.appid) });
  });
}
