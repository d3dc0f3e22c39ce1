import cors from '@fastify/cors';
import Fastify, { type FastifyContextConfig, type FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallRecorder } from './calls/call-recorder.js';
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
import { registerInspectRoutes } from './routes/admin/inspect.routes.js';
import { registerDashboardRoutes } from './routes/admin/dashboard.routes.js';
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
import { WebhookDispatcher } from './services/webhooks.service.js';
import { registerWebhookRoutes } from './routes/admin/webhook.routes.js';
import { MemoryStore } from './store/memory.store.js';
import { captureState, readStateFile, restoreState, StateFileWriter, withPersistedKeys } from './state-file.js';

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
  const webhooks = new WebhookDispatcher(ctx);
  const privacy = new PrivacyService(ctx);
  const services: Services = {
    directory: new DirectoryService(ctx),
    tokens: new TokensService(ctx),
    sessions,
    subscriptions: new SubscriptionsService(ctx, webhooks),
    phone: new PhoneService(ctx, sessions),
    privacy,
    faults: new FaultRegistry(ctx.random),
    calls: new CallRecorder(),
    webhooks,
  };

  // Apply the seed once (key generation is slow), then snapshot it: reset restores the very
  // same apps, keys, users and openids, so clients holding them keep working after a reset.
  const { seed, stateFile } = resolved;
  const persisted = stateFile ? readStateFile(stateFile) : null;
  for (const appInput of seed.apps ?? []) await services.directory.createApp(withPersistedKeys(appInput, persisted));
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
    services.calls.clear();
    webhooks.clear();
    ctx.clock.reset();
    const copy = structuredClone(snapshot);
    copy.apps.forEach((a) => ctx.store.putApp(a));
    copy.users.forEach((u) => ctx.store.putUser(u));
    copy.templates.forEach((t) => ctx.store.putTemplate(t));
  };

  // A state file goes over the seed; reset still goes back to the seed (and saves that).
  if (persisted) restoreState(ctx, persisted);
  const writer = stateFile ? new StateFileWriter(stateFile, () => captureState(ctx)) : null;
  writer?.flush();

  const app = buildServer({ ctx, services, reset });
  if (writer) {
    app.addHook('onResponse', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') writer.schedule();
    });
  }
  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : resolved.port;
  const host = resolved.host === '0.0.0.0' || resolved.host === '::' ? '127.0.0.1' : resolved.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      webhooks.clear();
      await app.close();
      writer?.flush();
    },
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

  // A platform error body, with the top-level log_id of the routes whose envelope has one.
  const errorBody = (config: FastifyContextConfig, errNo: number) => {
    const nowMs = ctx.clock.now();
    const logId = newLogId(nowMs);
    const body = familyErrorBody(config.family!, errNo, { logId, nowMs, emptyData: config.emptyData });
    return config.topLevelLogId ? { ...(body as object), log_id: logId } : body;
  };

  // Every platform route names its operation: count and record it, then let fault rules have their say.
  app.addHook('preHandler', async (request, reply) => {
    const { config } = request.routeOptions;
    const { operation, family } = config;
    if (!operation || !family) return;
    ctx.store.countCall(operation);
    services.calls.record({
      operation,
      method: request.method,
      path: request.url.split('?')[0]!,
      contentType: request.headers['content-type'] ?? null,
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
      ),
      receivedAt: ctx.clock.now(),
    });
    const outcome = services.faults.roll(operation, { ...asRecord(request.query), ...asRecord(request.body) });
    if (outcome.latencyMs > 0) await sleep(outcome.latencyMs);
    if (outcome.drop) {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (outcome.http && outcome.errNo === null) {
      const { status, body, contentType } = outcome.http;
      return reply
        .code(status)
        .type(contentType ?? 'text/html')
        .send(body ?? gatewayPage(status));
    }
    if (outcome.errNo !== null) {
      return reply.code(outcome.http?.status ?? 200).send(errorBody(config, outcome.errNo));
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AdminError) return reply.code(error.status).send({ error: error.message });
    if (error instanceof TtFailure) {
      const { errMsg, errNo, errCode, privacyPending } = error;
      return reply.code(422).send({ error: errMsg, errMsg, errNo, errCode, ...(privacyPending ? { privacyPending } : {}) });
    }
    const { family } = request.routeOptions.config;
    if (family) {
      // A bug in a platform handler still answers like the platform: a system error, HTTP 200.
      request.log.error(error);
      const errNo = family === 'open' ? 28001005 : family === 'oauth' ? 10002 : -1;
      return reply.send(errorBody(request.routeOptions.config, errNo));
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
  registerWebhookRoutes(app, deps);
  registerInspectRoutes(app, deps);
  registerDashboardRoutes(app);
  return app;
}

/** What a gateway in front of the platform answers on its own (nginx's page, in short). */
function gatewayPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};
