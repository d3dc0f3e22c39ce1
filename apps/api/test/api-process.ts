import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';

const API_DIR = resolve(import.meta.dirname, '..');

export interface ApiProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:43121 */
  baseUrl: string;
  /** Every JSON log line the process wrote so far. */
  logs: Record<string, unknown>[];
  /** Resolves when the process ended: its exit code (null when killed by a signal) and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * The real API (`src/main.ts`, compiled on the fly by SWC like Vitest does: the test task does
 * not depend on this package's own build) in a child process, on a free port, pointed at this
 * run's database and emulator through `process.env` plus `env`. Its log lines also go to the
 * run's capture file, which global teardown scans for secrets.
 */
export async function spawnApi(env: Record<string, string>, startTimeoutMs = 20_000): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', './test/swc-register.mjs', 'src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'log', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })),
  );
  const logs: Record<string, unknown>[] = [];
  const captureFile = inject('logCaptureFile');
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const listening = new Promise<string>((found, failed) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      appendFileSync(captureFile, `${line}\n`);
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      const url = /API listening on (http:\/\/\S+?)\s/.exec(typeof entry.msg === 'string' ? entry.msg : '')?.[1];
      if (url) found(url);
    });
    void exited.then(({ code }) => failed(new Error(`the API exited (${code}) before listening:\n${stderr}`)));
    setTimeout(() => failed(new Error(`the API did not listen within ${startTimeoutMs} ms:\n${stderr}`)), startTimeoutMs).unref();
  });
  try {
    return { child, baseUrl: await listening, logs, exited };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
