import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger, type StreamEntry } from 'pino';
import { redactSecrets } from './redact.js';

/** Nest's level names (LOG_LEVEL speaks them) to pino's. */
const PINO_LEVELS: Record<LogLevel, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export interface RootLoggerOptions {
  level: LogLevel;
  /** Human-readable lines instead of JSON (development only). */
  pretty: boolean;
  /** A second sink that receives every line at every level (tests scan it for secrets). */
  capture?: DestinationStream | null;
}

/**
 * pino, because it writes one JSON object per line cheaply; Fastify already depends on it. nestjs-pino would save the adapter
 * below but needs Node >= 22.12, and the API runs on Node 20.
 */
export async function createRootLogger(options: RootLoggerOptions): Promise<Logger> {
  const level = PINO_LEVELS[options.level];
  const console = options.pretty ? await prettyStream() : stdoutStream();
  // A multistream only when a second sink listens: it costs a fan-out and per-line metadata.
  const destination = options.capture
    ? pino.multistream([
        { level, stream: console },
        { level: 'trace', stream: options.capture },
      ] satisfies StreamEntry[])
    : console;
  return pino(
    {
      level: options.capture ? 'trace' : level,
      base: { pid: process.pid },
      timestamp: isoTimeField,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redactSecrets(fields) as Record<string, unknown>,
      },
    },
    destination,
  );
}

let lastMs = 0;
let lastField = '';

/**
 * pino's `isoTime`, formatted once per millisecond: a busy server writes several lines in the
 * same millisecond, and `toISOString()` showed in the access log's profile.
 */
export function isoTimeField(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastField = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastField;
}

/** Bytes of log lines gathered before a write to stdout. */
const LOG_BUFFER_BYTES = 4096;
/** The longest a line waits in that buffer on a quiet server. */
const LOG_FLUSH_INTERVAL_MS = 100;

/**
 * stdout, written asynchronously and in batches: lines gather in a buffer that is written once it
 * holds LOG_BUFFER_BYTES, and at the latest every LOG_FLUSH_INTERVAL_MS, so a busy server makes a
 * write per batch rather than a blocking write per line (that write was a few per cent of a
 * request's CPU). pino flushes the buffer synchronously on `exit` (a shutdown, `process.exit`,
 * an uncaught exception), so the last lines before a stop or a crash are not lost; only a
 * SIGKILL can cut the last 100 ms.
 */
function stdoutStream(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // A stream that went away (stdout closed) must not take the process with it.
    }
  }, LOG_FLUSH_INTERVAL_MS).unref();
  return stream;
}

async function prettyStream(): Promise<DestinationStream> {
  // A dev dependency, loaded only in development; without it, plain JSON is still readable.
  const loaded = await import('pino-pretty').catch(() => null);
  if (!loaded) return stdoutStream();
  return loaded.default({
    colorize: true,
    singleLine: true,
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    translateTime: 'HH:MM:ss.l',
  });
}

/**
 * Nest's LoggerService on top of pino, so `new Logger('X').log(...)` anywhere in the app and
 * Nest's own lines come out as the same JSON. Nest passes the context (the Logger's name) as
 * the last string argument and, for errors, a stack before it.
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest.at(-1) === 'string') fields.context = rest.pop();
    if (level === 'error' && rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === undefined)) {
      const stack = rest.shift();
      if (stack) fields.stack = stack;
    }
    if (rest.length > 0) fields.details = rest;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { msg, message: text, ...own } = message as Record<string, unknown>;
      // A message that is not a string prints as String() does: an object as [object Object],
      // never its fields, since redaction works on fields and does not reach the message.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      this.pino[level]({ ...fields, ...own }, String(msg ?? text ?? ''));
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
