import type { FastifyInstance } from 'fastify';
import { v1ErrorBody, v2Body } from '../../errors/envelopes.js';
import { newLogId } from '../../identifiers.js';
import { EMPTY_SESSION } from '../../services/session.service.js';
import { asRecord, type RouteDeps } from '../route-config.js';

/** code2session, legacy host: `POST /api/apps/v2/jscode2session` and the v1 GET form. */
export function registerJscode2sessionRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  // The v2 answer carries a top-level log_id on success and on error (§3), injected errors too.
  const config = { operation: 'jscode2session', family: 'v2', emptyData: EMPTY_SESSION, topLevelLogId: true } as const;
  app.post('/api/apps/v2/jscode2session', { config }, async (request) => {
    const { errNo, data } = services.sessions.code2session(asRecord(request.body));
    return { ...v2Body(errNo, data), log_id: newLogId(ctx.clock.now()) };
  });

  app.get('/api/apps/jscode2session', { config: { operation: 'jscode2session', family: 'v1' } }, async (request) => {
    const { errNo, data } = services.sessions.code2session(asRecord(request.query));
    return errNo === 0 ? data : v1ErrorBody(errNo);
  });
}
