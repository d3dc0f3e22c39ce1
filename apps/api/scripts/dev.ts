/**
 * The API's part of `pnpm dev`: a database (DATABASE_URL, or an embedded PostgreSQL when
 * nothing is configured), Douyin (real when DOUYIN_APP_SECRET is set, otherwise the local
 * emulator), migrations applied, then the API compiled and restarted on every change.
 *
 * Once `/ready` answers it reports what runs where: to the root dev runner (scripts/dev.mjs)
 * over IPC when started by it, which prints one banner for the whole stack, or as its own
 * banner when run alone (`pnpm --filter @douyin-kit/api dev`). SIGINT, SIGTERM or the runner
 * going away stop the API first (it drains its requests and queue), then the emulator, then
 * the embedded PostgreSQL, and exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { DEV_ADMIN_API_KEY } from '../src/core/config/app-config.js';
import { runMigrations } from '../src/core/database/migrations/migration-runner.js';
import { devDataDir, devEmulatorStateFile, loadRootEnv, openDevDatabase, type DevDatabase } from '../tools/dev-database.js';
import { openDevDouyin, type DevDouyin } from '../tools/dev-douyin.js';

/** One line of the banner: a label and what it says. */
export type BannerRow = [label: string, text: string];

const children: ChildProcess[] = [];
let stopping = false;
let cleanup: () => Promise<void> = async () => {};

async function main(): Promise<void> {
  loadRootEnv();
  const db = await openDevDatabase({ callerHandlesSignals: true });
  cleanup = () => db.server.stop();
  const douyin = await openDevDouyin({ stateFile: devEmulatorStateFile() });
  cleanup = async () => {
    await douyin.close();
    await db.server.stop();
  };

  const migrated = await runMigrations({ connectionString: db.url });
  if (migrated.applied.length) console.log(`[api] applied migrations: ${migrated.applied.join(', ')}`);

  await startCompiler();
  const server = spawn(process.execPath, ['--enable-source-maps', '--watch', 'dist/main.js'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...douyin.env, DATABASE_URL: db.url },
  });
  children.push(server);
  for (const child of children) {
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`[api] ${child === server ? 'the API' : 'the compiler'} exited (${signal ?? code}); stopping.`);
      void stop(1);
    });
  }

  const host = process.env.HOST ?? '127.0.0.1';
  const apiUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${process.env.PORT ?? 3000}`;
  if (!(await waitForReady(apiUrl))) {
    console.error(`[api] ${apiUrl}/ready did not answer 200 within two minutes; see the API output above.`);
    return stop(1);
  }
  const webhook = await douyin.connectWebhook(apiUrl).catch((error: unknown) => {
    console.error(`[api] the emulator's webhook could not reach the API: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const rows = await bannerRows(apiUrl, db, douyin, webhook);
  if (process.send) process.send({ type: 'ready', apiUrl, rows });
  else printAlone(rows, douyin);
}

/** tsc --watch; resolves after its first pass, so the server never starts on a stale dist/. */
async function startCompiler(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiler = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(compiler);
  await new Promise<void>((resolve) => {
    let pending = '';
    compiler.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // The routine watch chatter is noise; errors (and their count) are not.
        if (/Watching for file changes/.test(line)) resolve();
        if (!line.trim() || /Starting (compilation|incremental)|File change detected|Found 0 errors/.test(line)) continue;
        console.log(`[api] ${line}`);
      }
    });
  });
}

async function bannerRows(apiUrl: string, db: DevDatabase, douyin: DevDouyin, webhook: string | undefined): Promise<BannerRow[]> {
  const adminKey = process.env.ADMIN_API_KEY ? '(ADMIN_API_KEY from your environment)' : DEV_ADMIN_API_KEY;
  const rows: BannerRow[] = [
    ['API', `${apiUrl}   (GET /health, GET /ready)`],
    ['API docs', `${apiUrl}/docs`],
    ['Admin key', `${adminKey}   (header x-admin-key)`],
    // The embedded cluster's password is a fixed local one, printed so any client can connect.
    ['Database', db.embedded ? db.url : db.server.description],
  ];
  if (db.embedded) {
    rows.push(['Data', `${devDataDir()}, ${devEmulatorStateFile()}`]);
    rows.push(['Reset', 'stop pnpm dev, then pnpm db:reset-dev (deletes that data; the next start migrates afresh)']);
  }
  rows.push([douyin.env.DOUYIN_APPS_BASE_URL ? 'Emulator' : 'Douyin', douyin.description]);
  if (webhook) rows.push(['Webhooks', `the emulator pushes signed events to ${webhook}`]);
  for (const user of await douyin.users()) rows.push(['Dev user', `${user.id} (${user.nickname}) openid ${user.openid}`]);
  return rows;
}

function printAlone(rows: BannerRow[], douyin: DevDouyin): void {
  const all: BannerRow[] = [
    ...rows,
    ['Mini-program', 'pnpm --filter @douyin-kit/miniapp dev writes apps/miniapp/dist-dev (open it in Douyin DevTools)'],
  ];
  if (douyin.env.DOUYIN_APPS_BASE_URL)
    all.push(['H5 preview', `pnpm --filter @douyin-kit/miniapp dev:h5 serves it on http://127.0.0.1:${process.env.DEV_H5_PORT || 10086}`]);
  console.log(['', '──────────── douyin-kit API (dev) ────────────', ...all.map(formatRow), 'Stop with Ctrl-C.', ''].join('\n'));
}

export function formatRow([label, text]: BannerRow): string {
  return `${label.padEnd(13)} ${text}`;
}

async function waitForReady(apiUrl: string): Promise<boolean> {
  for (let attempt = 0; attempt < 240 && !stopping; attempt++) {
    try {
      if ((await fetch(`${apiUrl}/ready`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Children first (the API drains and closes its pool), then what they used; exits `code`. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => ended(child, 20_000)));
  try {
    await cleanup();
  } catch (error) {
    console.error(`[api] stopping: ${error instanceof Error ? error.message : String(error)}`);
    code = code || 1;
  }
  process.exit(code);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
function ended(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// The root runner went away without a signal (killed): do not outlive it.
process.on('disconnect', () => void stop(0));

main().catch(async (error: unknown) => {
  console.error(`[api] ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
