import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZSeedApp, ZSeedPrivacy, ZSeedTemplate, ZSeedUser } from '../../seed.js';
import { AdminError } from '../../context.js';
import type { AppRecord, UserRecord } from '../../store/store.js';
import type { AdminUser } from '../../admin/admin-types.js';
import type { RouteDeps } from '../route-config.js';
import { ADMIN_PREFIX, parseInput } from './admin-input.js';

const ZAppidQuery = z.object({ appid: z.string().min(1).optional() });
const ZAgreement = z.object({ agreed: z.boolean() });

/** The session key stays out (only whether there is one): the only way to learn it is jscode2session, as on the platform. */
export function userView(user: UserRecord): AdminUser {
  return {
    id: user.id,
    appid: user.appid,
    openid: user.openid,
    unionid: user.unionid,
    loggedIn: user.loggedIn,
    hasSession: user.sessionKey !== null,
    nickname: user.profile.nickName,
    avatarUrl: user.profile.avatarUrl,
    gender: user.profile.gender,
    city: user.profile.city,
    province: user.profile.province,
    country: user.profile.country,
    language: user.profile.language,
    phone: user.phone,
    privacyAgreed: user.privacyAgreed,
  };
}

const appView = (app: AppRecord) => ({ ...app });

/** Apps, users and templates: the console side (what the developer registers). */
export function registerDirectoryRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  app.post(`${ADMIN_PREFIX}/apps`, async (request, reply) => {
    const created = await services.directory.createApp(parseInput(ZSeedApp, request.body));
    return reply.code(201).send(appView(created));
  });
  app.get(`${ADMIN_PREFIX}/apps`, async () => ctx.store.listApps().map(appView));

  app.post(`${ADMIN_PREFIX}/users`, async (request, reply) => {
    const created = services.directory.createUser(parseInput(ZSeedUser, request.body));
    return reply.code(201).send(userView(created));
  });
  app.get(`${ADMIN_PREFIX}/users`, async (request) => {
    const { appid } = parseInput(ZAppidQuery, request.query);
    return ctx.store.listUsers(appid).map(userView);
  });

  // The privacy agreement in the console, and a user's agreement (false: DevTools' "clear data").
  app.post<{ Params: { appid: string } }>(`${ADMIN_PREFIX}/apps/:appid/privacy`, async (request) =>
    services.privacy.configure(request.params.appid, parseInput(ZSeedPrivacy, request.body)),
  );
  app.post<{ Params: { id: string } }>(`${ADMIN_PREFIX}/users/:id/privacy`, async (request) => {
    const { agreed } = parseInput(ZAgreement, request.body);
    const user = ctx.store.getUser(request.params.id);
    if (!user) throw new AdminError(404, `unknown user ${request.params.id}`);
    return services.privacy.setAgreement(user, agreed);
  });

  app.post(`${ADMIN_PREFIX}/templates`, async (request, reply) => {
    const created = services.directory.createTemplate(parseInput(ZSeedTemplate, request.body));
    return reply.code(201).send(created);
  });
  app.get(`${ADMIN_PREFIX}/templates`, async (request) => {
    const { appid } = parseInput(ZAppidQuery, request.query);
    return ctx.store.listTemplates(appid);
  });
}
