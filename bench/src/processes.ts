import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process of the bench, with the tail of its output kept for error messages. */
export interface Child {
  name: string;
  process: ChildProcess;
  /** Last lines of stdout and stderr (the API redacts secrets; the others print none). */
  tail(): string;
  /** Resolves with the first stdout line that parses as JSON (how our own children report their URL). */
  firstJsonLine<T>(timeoutMs?: number): Promise<T>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const children = new Set<Child>();
/** Characters of a child's output kept for error messages (about its last 40 lines). */
const TAIL_CHARS = 16_384;

/** Spawns `node …args` (the same Node as the bench) with the given environment. */
export function spawnNode(name: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Child {
  const proc = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // The API writes an access line per request: under load, splitting every chunk into lines
  // would cost the bench (which shares the cores with the servers) more than keeping raw text.
  let tail = '';
  let partial = '';
  const jsonWaiters: ((line: unknown) => void)[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-TAIL_CHARS);
    if (jsonWaiters.length === 0) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!jsonWaiters.length || !line.startsWith('{')) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        jsonWaiters.splice(0).forEach((resolve) => resolve(parsed));
      } catch {
        // not our report line
      }
    }
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = once(proc, 'exit');

  const child: Child = {
    name,
    process: proc,
    tail: () =>
      tail
        .split('\n')
        .filter((line) => line.trim())
        .slice(-40)
        .join('\n'),
    firstJsonLine<T>(timeoutMs = 30_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no report line within ${timeoutMs} ms\n${child.tail()}`)), timeoutMs);
        jsonWaiters.push((line) => {
          clearTimeout(timer);
          resolve(line as T);
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`${name} exited before it was ready\n${child.tail()}`));
        });
      });
    },
    async stop(signal = 'SIGTERM') {
      children.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
      if (timedOut) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
  children.add(child);
  return child;
}

/** Stops every child still running (used on the way out, also after a failure). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((child) => child.stop()));
}

/** Polls `url` until it answers 200; returns the time it first did (performance.now()). */
export async function waitFor200(url: string, child: Child, timeoutMs = 60_000, intervalMs = 10): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode})\n${child.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms\n${child.tail()}`);
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; undefined
 * elsewhere). Unlike throughput, CPU per request hardly moves when other work shares the machine.
 */
export function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Clock ticks of 1/100 s: USER_HZ is 100 on every Linux build Node supports.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Resident memory of a process in MiB, from /proc/<pid>/status (Linux; undefined elsewhere):
 * `VmRSS` now, or `VmHWM`, the most it has held since it started (its peak).
 */
export function rssMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
