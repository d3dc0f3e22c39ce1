import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { OffsetClock } from './clock.js';
import { AdminError, TtFailure, type EmulatorContext } from './context.js';
import { familyErrorBody } from './errors/envelopes.js';
import { FaultRegistry } from './faults/fault-rules.js';
import { newLogId } from './identifiers.js';
import { IssuedSecrets } from './issued-secrets.js';
import { resolveOptions, type EmulatorOptions } from './options.js';
import { seededRandom } from './random.js';
import { registerControlRoutes } from './routes/admin/control.routes.js';
import { ADMIN_PREFIX } from './routes/admin/admin-input.js';
import { registerDeviceRoutes } from './routes/admin/device.routes.js';
import { registerDirectoryRoutes } from './routes/admin/directory.routes.js';
import { registerBodyParsers } from './routes/body-parsers.js';
import { registerAppsTokenRoutes } from './routes/platform/apps-token.routes.js';
import { registerJscode2sessionRoutes } from './routes/platform/jscode2session.routes.js';
import { registerNotificationV2Routes } from './routes/platform/notification-v2.routes.js';
import { registerNotifyV1Routes } from './routes/platform/notify-v1.routes.js';
import { registerOauthRoutes } from './routes/platform/oauth.routes.js';
import { registerPhoneRoutes } from './routes/platform/phone.routes.js';
import { registerPrivacySettingRoutes } from './routes/platform/privacy-setting.routes.js';
import { asRecord, type RouteDeps, type Services } from './routes/route-config.js';
import { DirectoryService } from './services/directory.service.js';
import { PhoneService } from './services/phone.service.js';
import { PrivacyService } from './services/privacy.service.js';
import { SessionService } from './services/session.service.js';
import { SubscriptionsService } from './services/subscriptions.service.js';
import { TokensService } from './services/tokens.service.js';
import { MemoryStore } from './store/memory.store.js';

export interface RunningEmulator {
  /** Base URL serving every host family (legacy apps host, open platform, admin) on one origin. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an emulator with its seed applied. Resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const ctx: EmulatorContext = {
    options: resolved,
    store: new MemoryStore(),
    clock: options.clock ?? new OffsetClock(),
    random: options.random ?? (options.randomSeed !== undefined ? seededRandom(options.randomSeed) : Math.random),
    issued: new IssuedSecrets(),
  };
  const sessions = new SessionService(ctx);
  const privacy = new PrivacyService(ctx);
  const services: Services = {
    directory: new DirectoryService(ctx),
    tokens: new TokensService(ctx),
    sessions,
    subscriptions: new SubscriptionsService(ctx),
    phone: new PhoneService(ctx, sessions),
    privacy,
    faults: new FaultRegistry(ctx.random),
  };

  // Apply the seed once (key generation is slow), then snapshot it: reset restores the very
  // same apps, keys, users and openids, so clients holding them keep working after a reset.
  const { seed } = resolved;
  for (const appInput of seed.apps ?? []) await services.directory.createApp(appInput);
  for (const userInput of seed.users ?? []) services.directory.createUser(userInput);
  for (const templateInput of seed.templates ?? []) services.directory.createTemplate(templateInput);
  const snapshot = structuredClone({
    apps: ctx.store.listApps(),
    users: ctx.store.listUsers(),
    templates: ctx.store.listTemplates(),
  });
  const reset = () => {
    ctx.store.clear();
    services.faults.clear();
    ctx.clock.reset();
    const copy = structuredClone(snapshot);
    copy.apps.forEach((a) => ctx.store.putApp(a));
    copy.users.forEach((u) => ctx.store.putUser(u));
    copy.templates.forEach((t) => ctx.store.putTemplate(t));
  };

  const app = buildServer({ ctx, services, reset });
  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : resolved.port;
  const host = resolved.host === '0.0.0.0' || resolved.host === '::' ? '127.0.0.1' : resolved.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => app.close(),
  };
}

function buildServer(deps: RouteDeps): FastifyInstance {
  const { ctx, services } = deps;
  // forceCloseConnections: close() must not wait for clients' idle keep-alive sockets.
  const app = Fastify({ logger: ctx.options.logger, forceCloseConnections: true });
  registerBodyParsers(app);
  // The device routes play the phone for a browser (the mini-program's H5 preview runs the
  // emulator's tt object on its own origin). Only they answer cross-origin calls: the
  // platform and console routes are for servers and tests.
  void app.register(cors, {
    hook: 'onRequest',
    delegator: (request, callback) => callback(null, { origin: (request.url ?? '').startsWith(`${ADMIN_PREFIX}/device/`), methods: ['POST'] }),
  });

  // Every platform route names its operation: count it, then let fault rules have their say.
  app.addHook('preHandler', async (request, reply) => {
    const { operation, family, emptyData } = request.routeOptions.config;
    if (!operation || !family) return;
    ctx.store.countCall(operation);
    const outcome = services.faults.roll(operation, { ...asRecord(request.query), ...asRecord(request.body) });
    if (outcome.latencyMs > 0) await sleep(outcome.latencyMs);
    if (outcome.drop) {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (outcome.errNo !== null) {
      const nowMs = ctx.clock.now();
      return reply.send(familyErrorBody(family, outcome.errNo, { logId: newLogId(nowMs), nowMs, emptyData }));
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AdminError) return reply.code(error.status).send({ error: error.message });
    if (error instanceof TtFailure) {
      const { errMsg, errNo, errCode, privacyPending } = error;
      return reply.code(422).send({ error: errMsg, errMsg, errNo, errCode, ...(privacyPending ? { privacyPending } : {}) });
    }
    const { family, emptyData } = request.routeOptions.config;
    if (family) {
      // A bug in a platform handler still answers like the platform: a system error, HTTP 200.
      request.log.error(error);
      const nowMs = ctx.clock.now();
      const errNo = family === 'open' ? 28001005 : family === 'oauth' ? 10002 : -1;
      return reply.send(familyErrorBody(family, errNo, { logId: newLogId(nowMs), nowMs, emptyData }));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send({ error: (error as Error).message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }));

  registerAppsTokenRoutes(app, deps);
  registerJscode2sessionRoutes(app, deps);
  registerNotifyV1Routes(app, deps);
  registerOauthRoutes(app, deps);
  registerNotificationV2Routes(app, deps);
  registerPhoneRoutes(app, deps);
  registerPrivacySettingRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerDeviceRoutes(app, deps);
  registerControlRoutes(app, deps);
  return app;
}
