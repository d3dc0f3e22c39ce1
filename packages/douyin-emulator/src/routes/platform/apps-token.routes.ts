import type { FastifyInstance } from 'fastify';
import { v1ErrorBody, v2Body } from '../../errors/envelopes.js';
import { checkAppCredentials } from '../../services/session.service.js';
import { asRecord, isFilled, type RouteDeps } from '../route-config.js';

const EMPTY_TOKEN = { access_token: '', expires_in: 0 };

/** App access token, legacy host: `POST /api/apps/v2/token` and the v1 `GET /api/apps/token`. */
export function registerAppsTokenRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  const issue = (input: Record<string, unknown>) => {
    if (!isFilled(input.grant_type)) return { errNo: 40014 } as const;
    const credentials = checkAppCredentials(ctx, input.appid, input.secret);
    if (!credentials.ok) return { errNo: credentials.errNo } as const;
    if (input.grant_type !== 'client_credential') return { errNo: 40020 } as const;
    const token = services.tokens.issue('app', credentials.app.appid);
    return { errNo: 0, data: { access_token: token.value, expires_in: ctx.options.tokenTtlSeconds } } as const;
  };

  app.post('/api/apps/v2/token', { config: { operation: 'token', family: 'v2', emptyData: EMPTY_TOKEN } }, async (request) => {
    const result = issue(asRecord(request.body));
    return result.errNo === 0 ? v2Body(0, result.data) : v2Body(result.errNo, EMPTY_TOKEN);
  });

  app.get('/api/apps/token', { config: { operation: 'token', family: 'v1' } }, async (request) => {
    const result = issue(asRecord(request.query));
    return result.errNo === 0 ? result.data : v1ErrorBody(result.errNo);
  });
}
