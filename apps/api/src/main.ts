import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { bootstrap, createFastifyAdapter } from './bootstrap.js';
import { AppConfig } from './config/app-config.js';
import { armShutdownWatchdog, WATCHDOG_MARGIN_MS } from './lifecycle/shutdown-watchdog.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    bufferLogs: true,
  });
  bootstrap(app);
  armShutdownWatchdog(app.get(AppConfig).shutdown.timeoutMs + WATCHDOG_MARGIN_MS);
  const { host, port } = app.get(AppConfig).http;
  await app.listen(port, host);
  // The bound address, not the configured one: PORT=0 picks a free port.
  new Logger('Main').log(`API listening on ${await app.getUrl()} (health: /health, readiness: /ready)`);
}

void main();
