import { Global, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config.js';
import { AppLogger, createRootLogger } from './app-logger.js';

/**
 * Where a copy of every log line goes besides stdout: nothing in production; the e2e tests
 * override it with a file they scan for secrets after the run.
 */
export const LOG_CAPTURE = Symbol('LOG_CAPTURE');

@Global()
@Module({
  providers: [
    { provide: LOG_CAPTURE, useValue: null },
    {
      provide: AppLogger,
      inject: [AppConfig, LOG_CAPTURE],
      useFactory: async (config: AppConfig, capture: DestinationStream | null) =>
        new AppLogger(await createRootLogger({ level: config.logLevel, pretty: config.env === 'development', capture })),
    },
  ],
  exports: [AppLogger],
})
export class LoggingModule {}
