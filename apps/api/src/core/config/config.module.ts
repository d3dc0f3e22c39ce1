import { resolve } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, ENV_KEYS, parseEnv, type TEnv } from './app-config.js';

/** The repository's `.env` (next to `.env.example`), from both `src/core/config` and `dist/core/config`. */
const ENV_FILE = resolve(import.meta.dirname, '../../../../../.env');

/**
 * Loads the repository's `.env` (if any) under the process environment (real environment
 * variables win; tests ignore the file so a developer's settings never leak into them), validates it once at boot (the app
 * refuses to start naming the bad variable) and exposes the result as `AppConfig`.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      cache: true,
      envFilePath: ENV_FILE,
      ignoreEnvFile: process.env.NODE_ENV === 'test',
      validate: parseEnv,
    }),
  ],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      useFactory: (config: ConfigService<TEnv, true>) =>
        new AppConfig(Object.fromEntries(ENV_KEYS.map((key) => [key, config.get(key, { infer: true })])) as TEnv),
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
