import type { FastifyInstance } from 'fastify';
import { openBody } from '../../errors/envelopes.js';
import { newLogId } from '../../identifiers.js';
import { asRecord, isFilled, type RouteDeps } from '../route-config.js';

const INVALID_PARAMETER = 28001007;

/** `POST /api/apps/v1/get_phonenumber_info/`: new-flow phone code → RSA ciphertext. */
export function registerPhoneRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  app.post('/api/apps/v1/get_phonenumber_info/', { config: { operation: 'get_phonenumber_info', family: 'open' } }, async (request) => {
    const logId = newLogId(ctx.clock.now());
    const check = services.tokens.check('client', request.headers['access-token']);
    if (!check.ok) return openBody(services.tokens.errNoFor(check.reason), logId);
    const { code } = asRecord(request.body);
    if (!isFilled(code)) return openBody(INVALID_PARAMETER, logId);
    const result = services.phone.redeem(check.app, code);
    return result.ok ? openBody(0, logId, result.ciphertext) : openBody(result.errNo, logId);
  });
}
