import { spawn } from 'node:child_process';

export interface CommandResult {
  command: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  durationMs: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/**
 * Runs a command to completion and keeps its output, never throwing on a non-zero exit: the
 * caller reports what failed with the output. A run past `timeoutMs` is killed (SIGKILL).
 * (node:child_process's execFile would keep stdout and stderr apart, losing their order.)
 */
export function runCommand(file: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const command = [file, ...args].join(' ');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => {
      chunks.push(Buffer.from(`\n[pack-test] killed after ${options.timeoutMs} ms\n`));
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ command, exitCode, signal, output: Buffer.concat(chunks).toString('utf8'), durationMs: Date.now() - started });
    });
  });
}
