import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClockModule } from './core/clock/clock.js';
import { AppConfig } from './core/config/app-config.js';
import { AppConfigModule } from './core/config/config.module.js';
import { CryptoModule } from './core/crypto/crypto.module.js';
import { DatabaseModule } from './core/database/database.module.js';
import { DouyinModule } from './core/douyin/douyin.module.js';
import { armShutdownWatchdog, WATCHDOG_MARGIN_MS } from './core/lifecycle/shutdown-watchdog.js';
import { AppLogger } from './core/logging/app-logger.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { NotificationsWorker } from './modules/notifications/notifications.worker.js';
import { RetentionModule } from './modules/retention/retention.module.js';
import { RetentionWorker } from './modules/retention/retention.worker.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { WebhooksWorker } from './modules/webhooks/webhooks.worker.js';

/** What a worker needs: config, logs, database, Douyin, the notifications, webhooks and the purge; no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ClockModule,
    CryptoModule,
    DatabaseModule,
    DouyinModule,
    NotificationsModule,
    RetentionModule,
    WebhooksModule,
  ],
})
export class WorkerModule {}

/**
 * `node dist/worker.js` (`pnpm --filter @douyin-kit/api worker`): notification workers and the
 * scheduled retention purge without the HTTP API, for deployments that scale sending apart from
 * serving (then set NOTIFY_WORKERS_IN_PROCESS=false on the API instances). SIGTERM/SIGINT stop it gracefully:
 * in-flight sends get up to SHUTDOWN_TIMEOUT_SECONDS to finish (NotificationQueue.onModuleDestroy).
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks([], { useProcessExit: true });
  armShutdownWatchdog(app.get(AppConfig).shutdown.timeoutMs + WATCHDOG_MARGIN_MS);
  app.get(NotificationsWorker).start();
  app.get(RetentionWorker).start();
  app.get(WebhooksWorker).start();
  new Logger('Worker').log('Notification worker and retention purge running (no HTTP); stop with SIGTERM');
}

void main();
