import type { FastifyInstance, FastifyRequest } from 'fastify';
import { oauthBody } from '../../errors/envelopes.js';
import { newLogId } from '../../identifiers.js';
import type { AppRecord } from '../../store/store.js';
import { asRecord, isFilled, type RouteDeps } from '../route-config.js';

/**
 * `POST /oauth/client_token/` and `POST /oauth/stable_client_token/` (open platform): the
 * credential of the newer open APIs. Same body, same checks, same 10020 limit; the stable one
 * hands back the current token instead of cutting it.
 */
export function registerOauthRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  const answer = (request: FastifyRequest, issue: (app: AppRecord) => { value: string; expiresIn: number }) => {
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
    const token = issue(found);
    return oauthBody(0, logId, now, { access_token: token.value, expires_in: token.expiresIn });
  };

  app.post('/oauth/client_token/', { config: { operation: 'client_token', family: 'oauth' } }, async (request) =>
    answer(request, (found) => ({ value: services.tokens.issue('client', found.appid).value, expiresIn: ctx.options.tokenTtlSeconds })),
  );

  app.post('/oauth/stable_client_token/', { config: { operation: 'stable_client_token', family: 'oauth' } }, async (request) =>
    answer(request, (found) => {
      const { token, expiresIn } = services.tokens.stable(found.appid);
      return { value: token.value, expiresIn };
    }),
  );
}
