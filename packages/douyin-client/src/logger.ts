/** Structured fields of a log line. This client never puts secrets in them. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * Optional logger. Adapt pino / Nest's Logger with a few lines; the client only ever passes
 * operation names, paths, error numbers, log ids, timings and counts.
 */
export interface DouyinLogger {
  debug(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
}

/** Default logger: drops everything. */
export const silentLogger: DouyinLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
};
