import { ConfigurableModuleBuilder, Module, type Provider } from '@nestjs/common';
import { DouyinClient, InMemoryTokenStore, type TokenStore } from '@douyin-kit/douyin-client';
import {
  DOUYIN_APP_TOKEN_BROKER,
  DOUYIN_CLIENT_TOKEN_BROKER,
  DOUYIN_PAYLOAD_FAILURE_STORE,
  DOUYIN_RESOLVED_OPTIONS,
  DOUYIN_TOKEN_STORE,
  type DouyinModuleOptions,
  type ResolvedDouyinOptions,
} from './douyin-module-options.js';
import { nestDouyinLogger } from './nest-logger.js';
import { DouyinPhoneDecryptor } from './phone/phone-number.decryptor.js';
import { PayloadFailureBudget } from './session-payload/payload-failure-budget.js';
import { InMemoryPayloadFailureStore } from './session-payload/payload-failure-store.js';
import { DouyinSessionPayloadDecryptor } from './session-payload/session-payload.decryptor.js';
import { DouyinWebhookChallengeInterceptor } from './webhooks/webhook-challenge.interceptor.js';
import { DouyinWebhookGuard } from './webhooks/webhook.guard.js';

const DEFAULT_BUDGET = 5;
const DEFAULT_WINDOW_SECONDS = 600;

const definition = new ConfigurableModuleBuilder<DouyinModuleOptions>()
  .setClassMethodName('forRoot')
  // Global by default: one client per app (two would cut each other's tokens short), and the
  // webhook guard resolves its options from whatever module declares the route.
  .setExtras({ isGlobal: true }, (module, extras) => ({ ...module, global: extras.isGlobal }))
  .build();
const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = definition;

/** What `DouyinModule.forRoot` takes: the options, plus `isGlobal` (default true). */
export type DouyinModuleForRootOptions = typeof definition.OPTIONS_TYPE;
/** What `DouyinModule.forRootAsync` takes: `imports`, `inject`, `useFactory` (or `useClass`/`useExisting`), `isGlobal`. */
export type DouyinModuleAsyncOptions = typeof definition.ASYNC_OPTIONS_TYPE;

function resolve(options: DouyinModuleOptions): ResolvedDouyinOptions {
  const { client } = options;
  if (!client?.appId || !client.appSecret) throw new TypeError('DouyinModule needs client.appId and client.appSecret');
  return {
    appId: client.appId,
    webhookSecret: options.webhookSecret || client.appSecret,
    hasPrivateKey: Boolean(client.appPrivateKeyPem),
    tokenStore: client.tokenStore ?? new InMemoryTokenStore(),
    failureStore: options.payloadFailures?.store ?? new InMemoryPayloadFailureStore(),
    budget: options.payloadFailures?.budget ?? DEFAULT_BUDGET,
    windowSeconds: options.payloadFailures?.windowSeconds ?? DEFAULT_WINDOW_SECONDS,
    maxWatermarkAgeSeconds: options.maxWatermarkAgeSeconds,
    now: options.now ?? (() => new Date()),
  };
}

const providers: Provider[] = [
  { provide: DOUYIN_RESOLVED_OPTIONS, inject: [MODULE_OPTIONS_TOKEN], useFactory: resolve },
  { provide: DOUYIN_TOKEN_STORE, inject: [DOUYIN_RESOLVED_OPTIONS], useFactory: (resolved: ResolvedDouyinOptions) => resolved.tokenStore },
  {
    provide: DouyinClient,
    inject: [MODULE_OPTIONS_TOKEN, DOUYIN_TOKEN_STORE],
    useFactory: (options: DouyinModuleOptions, tokenStore: TokenStore) =>
      new DouyinClient({ ...options.client, tokenStore, logger: options.client.logger ?? nestDouyinLogger() }),
  },
  { provide: DOUYIN_APP_TOKEN_BROKER, inject: [DouyinClient], useFactory: (client: DouyinClient) => client.appTokens },
  { provide: DOUYIN_CLIENT_TOKEN_BROKER, inject: [DouyinClient], useFactory: (client: DouyinClient) => client.clientTokens },
  {
    provide: DOUYIN_PAYLOAD_FAILURE_STORE,
    inject: [DOUYIN_RESOLVED_OPTIONS],
    useFactory: (resolved: ResolvedDouyinOptions) => resolved.failureStore,
  },
  {
    provide: PayloadFailureBudget,
    inject: [DOUYIN_RESOLVED_OPTIONS],
    useFactory: (resolved: ResolvedDouyinOptions) =>
      new PayloadFailureBudget({ store: resolved.failureStore, budget: resolved.budget, windowSeconds: resolved.windowSeconds, now: resolved.now }),
  },
  DouyinSessionPayloadDecryptor,
  DouyinPhoneDecryptor,
  DouyinWebhookGuard,
  DouyinWebhookChallengeInterceptor,
];

/**
 * Douyin in a Nest app: `DouyinModule.forRoot({ client: { appId, appSecret } })` or
 * `forRootAsync({ imports, inject, useFactory })`. Provides DouyinClient and its token brokers,
 * DouyinSessionPayloadDecryptor (with the failure budget), DouyinPhoneDecryptor, and what
 * `@DouyinWebhook()` needs. It keeps no users and no storage of its own: stores are passed in.
 */
@Module({
  providers,
  exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
})
export class DouyinModule extends ConfigurableModuleClass {}
