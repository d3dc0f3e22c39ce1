import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ApiProcess {
  url: string;
  stop(): Promise<void>;
}

const MAIN = createRequire(import.meta.url).resolve('@douyin-kit/api/main');

/**
 * The API exactly as deployed: `node apps/api/dist/main.js` (turbo builds it before this
 * package's tests). Every line it writes goes to `logFile`, which teardown scans for secrets.
 */
export async function startApi(env: Record<string, string>, logFile: string, port: number): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm build\` (turbo does it before \`pnpm test\`)`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 250, 'waiting'))]);
    if (early !== 'waiting') throw new Error(`the API exited (code ${String(early)}) before /ready; its output is in ${logFile}`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /ready within 60 s; its output is in ${logFile}`);
    }
  }

  let stopped: Promise<void> | undefined;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    await new Promise<void>((resolve) => log.end(resolve));
  };
  return { url, stop: () => (stopped ??= stop()) };
}
