import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module.js';
import { bootstrap, createFastifyAdapter } from '../src/bootstrap.js';
import { AppConfig, parseEnv } from '../src/config/app-config.js';

export interface RunningApp {
  app: NestFastifyApplication;
  /** e.g. http://127.0.0.1:43121 */
  baseUrl: string;
  close: () => Promise<void>;
}

/**
 * The real app (same modules, same bootstrap as main.ts) listening on a free local port.
 * `env` overrides environment variables for this instance only.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(new AppConfig(parseEnv({ ...process.env, LOG_LEVEL: 'error', ...env })))
    .compile();
  const app = bootstrap(moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter()));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
