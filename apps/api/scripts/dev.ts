/**
 * `pnpm dev` for the API: a database (DATABASE_URL, or an embedded PostgreSQL when nothing
 * is configured), Douyin (real when DOUYIN_APP_SECRET is set, otherwise the local emulator),
 * migrations applied, then the API compiled and restarted on every change. Prints what runs
 * where once `/ready` answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { runMigrations } from '../src/core/database/migrations/migration-runner.js';
import { REPO_ROOT, loadRootEnv, openDevDatabase } from '../tools/dev-database.js';
import { openDevDouyin } from '../tools/dev-douyin.js';

const children: ChildProcess[] = [];

async function main(): Promise<void> {
  loadRootEnv();
  const db = await openDevDatabase();
  const douyin = await openDevDouyin().catch(async (error: unknown) => {
    await db.server.stop();
    throw error;
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await douyin.close();
    await db.server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const migrated = await runMigrations({ connectionString: db.url });
    if (migrated.applied.length) console.log(`[dev] applied migrations: ${migrated.applied.join(', ')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }

  // The server starts after the compiler's first pass, so it never runs a stale dist/.
  const compiler = spawn('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(compiler);
  await new Promise<void>((resolve) => {
    compiler.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (chunk.toString().includes('Watching for file changes')) resolve();
    });
  });
  const server = spawn(process.execPath, ['--enable-source-maps', '--watch', 'dist/main.js'], {
    stdio: 'inherit',
    env: { ...process.env, ...douyin.env, DATABASE_URL: db.url },
  });
  children.push(server);
  for (const child of children) child.on('exit', (code) => !stopping && void stop(code ?? 1));

  const host = process.env.HOST ?? '127.0.0.1';
  const apiUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${process.env.PORT ?? 3000}`;
  await waitForReady(apiUrl);
  const webhook = await douyin.connectWebhook(apiUrl).catch((error: unknown) => {
    console.error(`[dev] the emulator's webhook could not reach the API: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  console.log(
    [
      '',
      '──────────── douyin-kit dev ────────────',
      `API           ${apiUrl}   (GET /health, GET /ready)`,
      `Database      ${db.server.description}`,
      `Douyin        ${douyin.description}`,
      ...(webhook ? [`Webhooks      the emulator pushes signed events to ${webhook}`] : []),
      `Mini-program  ${REPO_ROOT}/apps/miniapp/dist — open it in Douyin DevTools; rebuilt on change`,
      douyin.env.DOUYIN_APPS_BASE_URL
        ? 'H5 preview    http://127.0.0.1:10086 — the same app in a browser, the emulator playing the phone'
        : 'H5 preview    needs the emulator (unset DOUYIN_APP_SECRET); real Douyin needs a device or DevTools',
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
}

async function waitForReady(apiUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${apiUrl}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`[dev] ${apiUrl}/ready did not answer 200 within a minute; see the API output above.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
