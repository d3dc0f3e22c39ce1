import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../route-config.js';
import { ADMIN_PREFIX, parseInput, ZDeviceUser } from './admin-input.js';

const ZLogin = ZDeviceUser.extend({ deviceId: z.string().min(1).optional() });
const ZPhone = ZDeviceUser.extend({ flow: z.enum(['encrypted', 'code']) });
const ZSubscribe = ZDeviceUser.extend({
  // Left loose on purpose: the tt-level checks (≤3, known ids) answer like the real tt API.
  tmplIds: z.unknown(),
  decisions: z.record(z.string(), z.enum(['accept', 'reject', 'ban', 'fail'])).optional(),
  alwaysSubscribe: z.boolean().optional(),
});

/**
 * The device side: what `tt.*` would produce on a phone. Results are the tt API's success
 * payloads; a tt-level failure is HTTP 422 `{error, errMsg, errNo?, errCode?}`.
 */
export function registerDeviceRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  const { directory, sessions, phone, subscriptions } = services;

  app.post(`${ADMIN_PREFIX}/device/login`, async (request) => {
    const input = parseInput(ZLogin, request.body);
    const user = directory.requireUser(input.appid, input.userId);
    const result = sessions.login(user, input.deviceId ?? `device-${user.id}`);
    return { errMsg: 'login:ok', ...result };
  });

  app.post(`${ADMIN_PREFIX}/device/check-session`, async (request) => {
    const input = parseInput(ZDeviceUser, request.body);
    return { valid: sessions.checkSession(directory.requireUser(input.appid, input.userId)) };
  });

  app.post(`${ADMIN_PREFIX}/device/user-profile`, async (request) => {
    const input = parseInput(ZDeviceUser, request.body);
    return sessions.userProfile(directory.requireUser(input.appid, input.userId));
  });

  app.post(`${ADMIN_PREFIX}/device/phone-number`, async (request) => {
    const input = parseInput(ZPhone, request.body);
    return phone.requestPhone(directory.requireUser(input.appid, input.userId), input.flow);
  });

  app.post(`${ADMIN_PREFIX}/device/subscribe`, async (request) => {
    const input = parseInput(ZSubscribe, request.body);
    const user = directory.requireUser(input.appid, input.userId);
    return subscriptions.subscribe(user, input);
  });
}
