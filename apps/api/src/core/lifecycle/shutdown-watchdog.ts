import { Logger } from '@nestjs/common';

/** Past SHUTDOWN_TIMEOUT_SECONDS: time to close the server and the pool after the drains. */
export const WATCHDOG_MARGIN_MS = 5000;

/**
 * The last resort behind the graceful shutdown: once SIGTERM or SIGINT arrived, the process
 * exits (code 1) after `ms` even if a shutdown hook hangs (a database that stopped answering
 * while the pool closes). Unref'd, so it never keeps a finished process alive. Processes only
 * (main.ts, worker.ts): a test calling `app.close()` must never have its runner exited.
 */
export function armShutdownWatchdog(ms: number): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      new Logger('Shutdown').error(`Still not shut down ${ms} ms after ${signal}: exiting`);
      process.exit(1);
    }, ms).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
