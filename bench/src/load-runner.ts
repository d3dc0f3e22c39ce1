import autocannon from 'autocannon';
import type { LoginCodes } from './emulator.js';
import { cpuTimeMs } from './processes.js';

/** One autocannon run, reduced to what the report shows. */
export interface RunResult {
  /** Successful (2xx) responses per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  /** Non-2xx answers, connection errors and timeouts: must be 0 for a valid run. */
  failed: number;
  /** The run stopped early because its pre-minted login codes ran out. */
  exhausted: boolean;
  /** Non-2xx statuses seen, e.g. `{"500": 3}` (empty for a clean run). */
  failures: Record<string, number>;
  /** CPU time of the server process per successful request (ms), when measurable. */
  cpuMsPerRequest?: number;
}

export interface RunOptions {
  url: string;
  /** The server's pid, to measure its CPU time over the run. */
  pid?: number;
  connections: number;
  /** Seconds; or a fixed number of requests with `amount`. */
  durationSec?: number;
  amount?: number;
}

type Request = NonNullable<autocannon.Options['requests']>[number];

/** Runs autocannon and resolves with its result; `onStart` receives the handle (to stop it). */
/** autocannon refuses `duration: undefined`: pass only what is set. */
function target(options: RunOptions): Pick<autocannon.Options, 'url' | 'connections' | 'duration' | 'amount'> {
  return {
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSec ?? 10 }),
  };
}

async function run(
  pid: number | undefined,
  options: autocannon.Options,
  onStart?: (instance: autocannon.Instance) => void,
): Promise<{ result: autocannon.Result; cpuMs?: number }> {
  const cpuBefore = cpuTimeMs(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, result) => (error ? reject(error) : resolve(result)));
    onStart?.(instance);
  });
  const cpuAfter = cpuTimeMs(pid);
  return { result, cpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined };
}

function toResult({ result, cpuMs }: { result: autocannon.Result; cpuMs?: number }, exhausted: boolean): RunResult {
  const ok = result['2xx'];
  return {
    ...(cpuMs !== undefined && ok > 0 ? { cpuMsPerRequest: cpuMs / ok } : {}),
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    exhausted,
    failures: {
      ...Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {})
          .filter(([status]) => !status.startsWith('2'))
          .map(([status, { count }]) => [status, count ?? 0]),
      ),
      ...(result.errors ? { errors: result.errors } : {}),
      ...(result.timeouts ? { timeouts: result.timeouts } : {}),
    },
  };
}

/**
 * POST /auth/login with a fresh code per request, as the mini-program sends it ({code,
 * anonymousCode}). Codes are single-use: if the pool runs dry the run stops early (the last
 * requests, sent with spent codes, show up as failures) and is flagged.
 */
export async function loadLogin(options: RunOptions, codes: LoginCodes[]): Promise<RunResult> {
  let next = 0;
  let handle: autocannon.Instance | undefined;
  let exhausted = false;
  const request: Request = {
    method: 'POST',
    path: '/auth/login',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const login = codes[next++];
      if (!login) {
        if (!exhausted) {
          exhausted = true;
          setImmediate(() => handle?.stop());
        }
        return { ...req, body: JSON.stringify(codes[0]) };
      }
      return { ...req, body: JSON.stringify(login) };
    },
  };
  const result = await run(options.pid, { ...target(options), requests: [request] }, (instance) => (handle = instance));
  return toResult(result, exhausted);
}

/** GET /me, the tokens taken in turn (no per-request setup: the same client cost as any GET). */
export async function loadMe(options: RunOptions, tokens: string[]): Promise<RunResult> {
  const requests: Request[] = tokens.map((token) => ({ method: 'GET', path: '/me', headers: { authorization: `Bearer ${token}` } }));
  return toResult(await run(options.pid, { ...target(options), requests }), false);
}
