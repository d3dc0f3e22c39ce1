/** Seconds a client is told to wait after the database did not answer in time. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * SQLSTATEs that mean "the database did not serve this in time", not "this request is wrong":
 * a statement cancelled by `statement_timeout` (57014), a lock not granted within
 * `lock_timeout` (55P03), the server shutting down or starting (57P01-57P03), too many
 * connections (53300), and every connection exception (class 08).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '55P03', '57P01', '57P02', '57P03', '53300']);

/** Prisma's driver-adapter error kinds (@prisma/adapter-pg) for a connection that failed. */
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Socket errors of a connection to the database that could not be made or was cut. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);

/**
 * pg and pg-pool raise these without any code (pool wait or connect over
 * `connectionTimeoutMillis`, `query_timeout`, a connection that died mid-query), so their
 * message is all there is to tell them apart. Pinned pg version; the locked-table e2e test
 * (database/database-stall.e2e-spec.ts) fails should one of them change.
 */
const UNAVAILABLE_DRIVER_MESSAGES = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Query read timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
]);

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  syscall?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

/**
 * Whether an error thrown by a query means the database is stalled, locked or unreachable,
 * whichever way it arrives: straight from pg (the hot reads on the pool), or wrapped by Prisma
 * (a PrismaClientKnownRequestError whose `meta.driverAdapterError.cause` holds the adapter's
 * `{kind, originalCode}`; the pool's code-less errors pass through Prisma unwrapped).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableCause(error) !== undefined;
}

/** For the operator's log: what gave up (SQLSTATE or adapter kind, and pg's message), no stack. */
export function databaseFailureReason(error: unknown): string {
  const cause = unavailableCause(error);
  if (!cause) return 'unknown';
  const code = [cause.originalCode, cause.code, cause.kind].find((value) => typeof value === 'string');
  const message = typeof cause.message === 'string' ? cause.message : typeof cause.kind === 'string' ? '' : 'no message';
  return [code, message].filter(Boolean).join(' ');
}

function unavailableCause(error: unknown): ErrorLike | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const candidate = current as ErrorLike;
    if (matches(candidate)) return candidate;
    current = candidate.meta?.driverAdapterError?.cause ?? candidate.cause;
  }
  return undefined;
}

function matches(error: ErrorLike): boolean {
  const sqlState = typeof error.originalCode === 'string' ? error.originalCode : error.code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) && (UNAVAILABLE_SQLSTATES.has(sqlState) || sqlState.startsWith('08'))) {
    return true;
  }
  if (typeof error.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(error.kind)) return true;
  if (typeof error.code === 'string' && typeof error.syscall === 'string' && UNAVAILABLE_SOCKET_CODES.has(error.code)) return true;
  return error.code === undefined && typeof error.message === 'string' && UNAVAILABLE_DRIVER_MESSAGES.has(error.message);
}
