import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { MINIAPP_DIR } from './paths.js';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the H5 build (read per request, so it may be built after the server starts). */
export async function serveH5(): Promise<StaticServer> {
  const files = sirv(join(MINIAPP_DIR, 'dist-h5'), { dev: true, single: true });
  const server: Server = createServer((req, res) => files(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * `taro build --type h5` with this run's API and emulator baked in, the way `pnpm dev` builds
 * the preview for the local stack. Output: apps/miniapp/dist-h5.
 */
export async function buildH5(env: { apiUrl: string; emulatorUrl: string; appId: string }): Promise<void> {
  const child = spawn('pnpm', ['exec', 'taro', 'build', '--type', 'h5'], {
    cwd: MINIAPP_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      TARO_APP_API_BASE: env.apiUrl,
      TARO_APP_EMULATOR_URL: env.emulatorUrl,
      TARO_APP_EMULATOR_APPID: env.appId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`taro build --type h5 failed (exit ${String(code)}):\n${output.slice(-4000)}`);
  // A build that silently fell back to the dev defaults would talk to another stack.
  const out = join(MINIAPP_DIR, 'dist-h5');
  const scripts = existsSync(join(out, 'index.html')) ? readdirSync(join(out, 'js')).filter((f) => f.endsWith('.js')) : [];
  if (!scripts.some((file) => readFileSync(join(out, 'js', file), 'utf8').includes(env.apiUrl))) {
    throw new Error(`taro build --type h5 left no index.html or no script with this run's API URL in ${out}:\n${output.slice(-4000)}`);
  }
}
