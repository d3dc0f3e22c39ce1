import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PRIVACY_ITEM_OF_API, type PrivacyApi } from '../../store/records.js';
import type { RouteDeps } from '../route-config.js';
import { ADMIN_PREFIX, parseInput, ZDeviceUser } from './admin-input.js';

const ZPrivacyCheck = ZDeviceUser.extend({ api: z.enum(Object.keys(PRIVACY_ITEM_OF_API) as [PrivacyApi, ...PrivacyApi[]]) });
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
 * payloads; a tt-level failure is HTTP 422 `{error, errMsg, errNo?, errCode?}`. Privacy APIs
 * check the app's privacy agreement first (422 with `privacyPending: true` before the user agreed).
 */
export function registerDeviceRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  const { directory, sessions, phone, subscriptions, privacy } = services;

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
    const user = directory.requireUser(input.appid, input.userId);
    privacy.check(user, 'getUserProfile');
    return sessions.userProfile(user);
  });

  app.post(`${ADMIN_PREFIX}/device/phone-number`, async (request) => {
    const input = parseInput(ZPhone, request.body);
    const user = directory.requireUser(input.appid, input.userId);
    privacy.check(user, 'getPhoneNumber');
    return phone.requestPhone(user, input.flow);
  });

  // The privacy agreement: tt.getPrivacySetting, the check every privacy API makes first (the
  // device-local ones, chooseAddress and getLocation, call it on their own), and the agree tap.
  app.post(`${ADMIN_PREFIX}/device/privacy-setting`, async (request) => {
    const input = parseInput(ZDeviceUser, request.body);
    return { errMsg: 'getPrivacySetting:ok', ...privacy.setting(directory.requireUser(input.appid, input.userId)) };
  });

  app.post(`${ADMIN_PREFIX}/device/privacy-check`, async (request) => {
    const input = parseInput(ZPrivacyCheck, request.body);
    privacy.check(directory.requireUser(input.appid, input.userId), input.api);
    return { ok: true };
  });

  app.post(`${ADMIN_PREFIX}/device/privacy-agree`, async (request) => {
    const input = parseInput(ZDeviceUser, request.body);
    return privacy.agree(directory.requireUser(input.appid, input.userId));
  });

  app.post(`${ADMIN_PREFIX}/device/subscribe`, async (request) => {
    const input = parseInput(ZSubscribe, request.body);
    const user = directory.requireUser(input.appid, input.userId);
    return subscriptions.subscribe(user, input);
  });
}
