import type { FastifyInstance } from 'fastify';
import { oauthBody } from '../../errors/envelopes.js';
import { newLogId } from '../../identifiers.js';
import { asRecord, isFilled, type RouteDeps } from '../route-config.js';

/** `POST /oauth/client_token/` (open platform): the credential of the newer open APIs. */
export function registerOauthRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  app.post('/oauth/client_token/', { config: { operation: 'client_token', family: 'oauth' } }, async (request) => {
    const now = ctx.clock.now();
    const logId = newLogId(now);
    const { client_key, client_secret, grant_type } = asRecord(request.body);
    if (!isFilled(client_key) || !isFilled(client_secret) || grant_type !== 'client_credential') {
      return oauthBody(10002, logId, now);
    }
    const found = ctx.store.getApp(client_key);
    if (!found) return oauthBody(10003, logId, now);
    if (found.secret !== client_secret) return oauthBody(10013, logId, now);
    if (services.tokens.overClientTokenRate(client_key)) return oauthBody(10020, logId, now);
    const token = services.tokens.issue('client', found.appid);
    return oauthBody(0, logId, now, {
      access_token: token.value,
      expires_in: ctx.options.tokenTtlSeconds,
    });
  });
}
