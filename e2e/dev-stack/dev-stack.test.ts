/**
 * `pnpm test:dev-stack`: the first hour with the kit, as a newcomer runs it. Starts the real
 * `pnpm dev` (embedded PostgreSQL in a fresh temporary folder, the emulator, the mini-program's
 * watch build, the H5 preview) on free ports, checks what it prints and serves, stops it with a
 * signal to the `pnpm` process alone, then starts it again on the same data. Two full starts
 * take a few minutes on a shared machine, so it is not part of `pnpm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { freePort } from '@douyin-kit/test-infra/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIAPP_DIR, REPO_ROOT } from '../src/stack/paths.js';

const BANNER = /^─+ douyin-kit dev: ready/;
const APPID = 'tt_emulator_dev_app';
const DEV_ADMIN_KEY = 'dev-only-admin-key-never-use-in-production';

interface Ports {
  api: number;
  emulator: number;
  postgres: number;
  h5: number;
}

class DevRun {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(env: NodeJS.ProcessEnv) {
    // Its own process group, so the test can also clean up everything if an assertion fails.
    this.child = spawn('pnpm', ['dev'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      this.lines.push(...lines);
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves with the banner's lines once it is printed; fails if pnpm exits first. */
  async banner(timeoutMs: number): Promise<{ before: number; lines: string[] }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const start = this.lines.findIndex((line) => BANNER.test(line));
      const end = this.lines.findIndex((line, i) => i > start && line === 'Stop with Ctrl-C.');
      if (start >= 0 && end > start) return { before: start, lines: this.lines.slice(start, end + 1) };
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no banner (exit ${this.child.exitCode}); output:\n${this.lines.join('\n')}`);
      }
      await sleep(250);
    }
  }

  /** The signal to the `pnpm dev` process only, as `kill <pid>` does (not its process group). */
  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  killGroup(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Processes whose command line mentions `text` (the data folder: postgres -D <dir>). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text) && Number(pid) !== process.pid) found.push(`${pid} ${cmdline}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Every file of a folder with its size and modification time: what "untouched" means. */
function snapshot(dir: string): string[] {
  if (!existsSync(dir)) return ['(absent)'];
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(`${relative(dir, path)} ${statSync(path).size} ${statSync(path).mtimeMs}`);
    }
  };
  walk(dir);
  return files.sort();
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** After a clean stop: exit 0, nothing that reads as an error, nothing left running. */
async function expectStoppedCleanly(run: DevRun, ports: Ports, dataDir: string): Promise<void> {
  const exit = await Promise.race([run.exited, sleep(60_000).then(() => 'timeout' as const)]);
  expect(exit, run.lines.join('\n')).toEqual({ code: 0, signal: null });
  const output = run.lines.join('\n');
  expect(output).not.toMatch(/ELIFECYCLE|\bERROR\b|terminating connection|✖|Error:/);
  expect(run.lines.at(-1)).toBe('Stopped.');
  for (const port of Object.values(ports)) expect(await portOpen(port), `port ${port} still open`).toBe(false);
  expect(processesMentioning(dataDir)).toEqual([]);
  expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
}

describe('pnpm dev', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'douyin-kit-dev-stack-'));
  let ports: Ports;
  let env: NodeJS.ProcessEnv;
  const runs: DevRun[] = [];
  const productionDist = join(MINIAPP_DIR, 'dist');
  const distBefore = snapshot(productionDist);

  beforeAll(async () => {
    ports = { api: await freePort(), emulator: await freePort(), postgres: await freePort(), h5: await freePort() };
    env = {
      ...process.env,
      // The zero-configuration path: no database and no Douyin credentials configured (empty
      // values also keep a repository .env from configuring them).
      DATABASE_URL: '',
      DOUYIN_APP_SECRET: '',
      TARO_APP_API_BASE: '',
      TARO_APP_EMULATOR_URL: '',
      CORS_ORIGINS: '',
      DEV_VERBOSE: '',
      // A newcomer's shell, not vitest's NODE_ENV=test.
      NODE_ENV: 'development',
      PORT: String(ports.api),
      DOUYIN_EMULATOR_PORT: String(ports.emulator),
      DEV_POSTGRES_PORT: String(ports.postgres),
      DEV_POSTGRES_DIR: dataDir,
      DEV_H5_PORT: String(ports.h5),
    };
  });

  afterAll(() => {
    for (const run of runs) run.killGroup();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-emulator.json`, { force: true });
  });

  const api = (path: string) => `http://127.0.0.1:${ports.api}${path}`;
  let session: { token: string; userId: string };
  let aliceOpenid: string | undefined;
  const loginAs = async (userId: string) => {
    const device = await new EmulatorAdmin(`http://127.0.0.1:${ports.emulator}`).login({ appid: APPID, userId });
    return json<{ token: string; user: { id: string } }>(
      await fetch(api('/auth/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: device.code, anonymousCode: device.anonymousCode }),
      }),
    );
  };

  it('starts within a screenful of output, prints one banner, serves every part', async () => {
    const run = new DevRun(env);
    runs.push(run);
    const { before, lines } = await run.banner(480_000);
    expect(before, run.lines.join('\n')).toBeLessThanOrEqual(40);
    expect(run.lines.filter((line) => BANNER.test(line))).toHaveLength(1);
    const banner = lines.join('\n');
    expect(banner).toContain(`http://127.0.0.1:${ports.api}/docs`);
    expect(banner).toContain(DEV_ADMIN_KEY);
    expect(banner).toContain(`postgresql://postgres:postgres@127.0.0.1:${ports.postgres}/douyin_kit`);
    expect(banner).toContain(`http://127.0.0.1:${ports.emulator}`);
    expect(banner).toContain(`http://127.0.0.1:${ports.h5}`);
    aliceOpenid = /u_alice .*openid (\S+)/.exec(banner)?.[1];
    expect(aliceOpenid).toBeDefined();
    expect(banner).toContain('pnpm db:reset-dev');
    expect(banner).toContain('apps/miniapp/dist-dev');

    expect((await fetch(api('/ready'))).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.h5}/`)).status).toBe(200);

    // The dev user logs in the way the mini-program does, and stores something.
    const login = await loginAs('u_alice');
    session = { token: login.token, userId: login.user.id };
    await json(
      await fetch(api('/me/location'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ latitude: 30.27, longitude: 120.15 }),
      }),
    );

    run.signal('SIGINT');
    await expectStoppedCleanly(run, ports, dataDir);
  });

  it('writes the mini-program DevTools opens in development to dist-dev and never touches dist', () => {
    expect(snapshot(productionDist)).toEqual(distBefore);
    const devDist = join(MINIAPP_DIR, 'dist-dev');
    const project = JSON.parse(readFileSync(join(devDist, 'project.config.json'), 'utf8')) as {
      miniprogramRoot: string;
      setting: { urlCheck: boolean };
    };
    expect(project.miniprogramRoot).toBe('./');
    expect(project.setting.urlCheck).toBe(false);
    const app = JSON.parse(readFileSync(join(devDist, 'app.json'), 'utf8')) as { pages: string[]; usePrivacyCheck: boolean };
    expect(app.usePrivacyCheck).toBe(true);
    expect(app.pages.length).toBeGreaterThan(0);
    for (const page of app.pages) {
      for (const ext of ['js', 'json', 'ttml']) expect(existsSync(join(devDist, `${page}.${ext}`)), `${page}.${ext}`).toBe(true);
    }
  });

  it('keeps the data on a second start and stops on SIGTERM too', async () => {
    const run = new DevRun(env);
    runs.push(run);
    const { before, lines } = await run.banner(480_000);
    expect(before, run.lines.join('\n')).toBeLessThanOrEqual(40);
    // The emulator's u_alice is the same Douyin user (same openid), so she logs in as the same
    // user of the dev database.
    expect(/u_alice .*openid (\S+)/.exec(lines.join('\n'))?.[1]).toBe(aliceOpenid);
    expect((await loginAs('u_alice')).user.id).toBe(session.userId);
    const me = await json<{ id: string }>(await fetch(api('/me'), { headers: { authorization: `Bearer ${session.token}` } }));
    expect(me.id).toBe(session.userId);
    const { location } = await json<{ location: { latitude: number } | null }>(
      await fetch(api('/me/location'), { headers: { authorization: `Bearer ${session.token}` } }),
    );
    expect(location?.latitude).toBe(30.27);

    run.signal('SIGTERM');
    await expectStoppedCleanly(run, ports, dataDir);
  });
});
