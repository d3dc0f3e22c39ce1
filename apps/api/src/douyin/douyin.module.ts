import { Global, Logger, Module } from '@nestjs/common';
import { DouyinClient, type DouyinLogger, type LogFields } from '@douyin-kit/douyin-client';
import { AppConfig } from '../config/app-config.js';

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
 * talks to Douyin through (tests and `pnpm dev` point it at the local emulator).
 */
@Global()
@Module({
  providers: [
    {
      provide: DouyinClient,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new DouyinClient({
          appId: config.douyin.appId,
          appSecret: config.douyin.appSecret,
          appPrivateKeyPem: config.douyin.appPrivateKeyPem,
          baseUrls: { apps: config.douyin.appsBaseUrl, open: config.douyin.openBaseUrl },
          logger: nestLogger(),
        }),
    },
  ],
  exports: [DouyinClient],
})
export class DouyinModule {}
