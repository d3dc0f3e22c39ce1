import { Global, Module } from '@nestjs/common';
import { PostgresTokenStore } from '@douyin-kit/douyin-client';
import { DouyinModule as DouyinNestModule, nestDouyinLogger } from '@douyin-kit/nestjs';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { PrismaService } from '../database/prisma.service.js';
import { PostgresPayloadFailureStore } from './pg-payload-failure-store.js';
import { TokenFetchMetrics } from './token-fetch-metrics.js';
import { secretBoxTokenSealer, TOKEN_TABLE } from './token-sealer.js';

/** Counts token fetches for /ready and the logs; its own module so the Douyin module's factory can inject it. */
@Global()
@Module({ providers: [TokenFetchMetrics], exports: [TokenFetchMetrics] })
class TokenFetchMetricsModule {}

/**
 * Douyin in the API through @douyin-kit/nestjs: the one open-platform client of the process
 * (tests and `pnpm dev` point it at the local emulator), the session-payload and phone
 * decryptors and the webhook guard. What the module leaves to the app lives here: tokens in
 * PostgreSQL (the client's PostgresTokenStore over Prisma's pg pool), sealed with the data-key
 * ring, shared by every instance (docs/douyin-platform.md §1: one holder per app),
 * and the payload failure budget counted in PostgreSQL, so every instance shares it too.
 */
export const DouyinModule = DouyinNestModule.forRootAsync({
  imports: [TokenFetchMetricsModule],
  inject: [AppConfig, PrismaService, SecretBox, Clock, TokenFetchMetrics],
  useFactory: (config: AppConfig, prisma: PrismaService, box: SecretBox, clock: Clock, metrics: TokenFetchMetrics) => ({
    client: {
      appId: config.douyin.appId,
      appSecret: config.douyin.appSecret,
      appPrivateKeyPem: config.douyin.appPrivateKeyPem,
      baseUrls: { apps: config.douyin.appsBaseUrl, open: config.douyin.openBaseUrl },
      timeoutMs: config.douyin.timeoutMs,
      clientTokenMode: config.douyin.clientTokenMode,
      tokenStore: new PostgresTokenStore({
        pool: prisma.pool,
        table: TOKEN_TABLE,
        sealer: secretBoxTokenSealer(box),
        lockWaitMs: config.douyin.tokenLockWaitMs,
        now: () => clock.now().getTime(),
        logger: nestDouyinLogger('DouyinTokenStore'),
      }),
      onTokenFetch: (event) => metrics.record(event),
    },
    webhookSecret: config.douyin.webhookSecret,
    payloadFailures: { store: new PostgresPayloadFailureStore(prisma), ...config.payloadFailures },
    now: () => clock.now(),
  }),
});
