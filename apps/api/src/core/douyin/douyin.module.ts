import { Global, Logger, Module } from '@nestjs/common';
import { DouyinClient, type DouyinLogger, type LogFields } from '@douyin-kit/douyin-client';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { PrismaService } from '../database/prisma.service.js';
import { PostgresTokenStore } from './pg-token-store.js';
import { TokenFetchMetrics } from './token-fetch-metrics.js';

/**
 * The client only ever logs operation names, paths, error numbers, log ids and timings. Fields
 * go as an object, so they stay structured in the JSON line and pass the key redaction.
 */
function nestLogger(): DouyinLogger {
  const logger = new Logger('Douyin');
  const line = (message: string, fields: LogFields) => ({ msg: message, ...fields });
  return {
    debug: (message, fields) => logger.debug(line(message, fields)),
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
  };
}

/**
 * The one Douyin open-platform client of the process: the boundary every feature module
 * talks to Douyin through (tests and `pnpm dev` point it at the local emulator). Its tokens
 * live in PostgreSQL, shared by every instance of the app (docs/douyin-platform.md §1: one holder per app).
 */
@Global()
@Module({
  providers: [
    TokenFetchMetrics,
    {
      provide: PostgresTokenStore,
      inject: [PrismaService, SecretBox, Clock],
      useFactory: (prisma: PrismaService, box: SecretBox, clock: Clock) => new PostgresTokenStore(prisma, box, { now: () => clock.now().getTime() }),
    },
    {
      provide: DouyinClient,
      inject: [AppConfig, PostgresTokenStore, TokenFetchMetrics],
      useFactory: (config: AppConfig, tokenStore: PostgresTokenStore, metrics: TokenFetchMetrics) =>
        new DouyinClient({
          appId: config.douyin.appId,
          appSecret: config.douyin.appSecret,
          appPrivateKeyPem: config.douyin.appPrivateKeyPem,
          baseUrls: { apps: config.douyin.appsBaseUrl, open: config.douyin.openBaseUrl },
          timeoutMs: config.douyin.timeoutMs,
          clientTokenMode: config.douyin.clientTokenMode,
          logger: nestLogger(),
          tokenStore,
          onTokenFetch: (event) => metrics.record(event),
        }),
    },
  ],
  exports: [DouyinClient, TokenFetchMetrics],
})
export class DouyinModule {}
