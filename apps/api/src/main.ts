import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { bootstrap, createFastifyAdapter } from './bootstrap.js';
import { AppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    bufferLogs: true,
  });
  bootstrap(app);
  const { host, port } = app.get(AppConfig).http;
  await app.listen(port, host);
  new Logger('Main').log(`API listening on http://${host}:${port} (health: /health, readiness: /ready)`);
}

void main();
