import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { bootstrap, createFastifyAdapter } from './bootstrap.js';
import { AppConfig } from './core/config/app-config.js';
import { AppConfigModule } from './core/config/config.module.js';
import { armShutdownWatchdog, WATCHDOG_MARGIN_MS } from './core/lifecycle/shutdown-watchdog.js';

async function main(): Promise<void> {
  // The HTTP server's limits are fixed when it is created, before the app exists: the validated
  // config comes from the config module alone first.
  const configContext = await NestFactory.createApplicationContext(AppConfigModule, { logger: ['error', 'fatal'] });
  const config = configContext.get(AppConfig);
  await configContext.close();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(config), {
    bufferLogs: true,
  });
  bootstrap(app);
  armShutdownWatchdog(config.shutdown.timeoutMs + WATCHDOG_MARGIN_MS);
  const { host, port } = config.http;
  await app.listen(port, host);
  // The bound address, not the configured one: PORT=0 picks a free port.
  new Logger('Main').log(`API listening on ${await app.getUrl()} (health: /health, readiness: /ready)`);
}

void main();
