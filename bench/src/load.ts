import type { Emulator, EmulatorApp } from './emulator.js';
import { inBatches } from './emulator.js';
import { loadLogin, loadMe, type RunResult } from './load-runner.js';
import { cpuTimeMs, rssMiB } from './processes.js';
import type { Server, ServerName } from './servers.js';
import { median } from './stats.js';

export interface LoadSettings {
  rounds: number;
  durationSec: number;
  connections: number;
  /** Logins per server before measuring (also creates every user once). */
  warmupLogins: number;
  warmupSec: number;
  /** Every n-th measured login is a user's first (the rest are returning users). */
  firstLoginEvery: number;
}

export type Endpoint = 'login' | 'me';

export interface Medians {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
}

/** Per endpoint and server: every round, and the medians the report shows. */
export interface LoadReport {
  settings: LoadSettings;
  servers: ServerName[];
  runs: Record<Endpoint, Partial<Record<ServerName, RunResult[]>>>;
  medians: Record<Endpoint, Partial<Record<ServerName, Medians>>>;
  /** Resident memory (MiB): before any load, and the peak over the whole run. */
  memory: Partial<Record<ServerName, { idleMiB: number; peakMiB: number }>>;
  /** The emulator's CPU time per request it served for the servers, median of the rounds (ms). */
  emulatorCpuMsPerLogin?: number;
}

interface Context {
  emulator: Emulator;
  app: EmulatorApp;
  userIds: string[];
  servers: Server[];
  log: (line: string) => void;
}

/**
 * Warms every server up, then runs `rounds` rounds; in each round every endpoint is measured on
 * every server back to back, the order rotating between rounds so no server always runs on a
 * warmer (or more crowded) machine.
 */
export async function runLoad(ctx: Context, settings: LoadSettings): Promise<LoadReport> {
  const { servers, log } = ctx;
  const runs: LoadReport['runs'] = { login: {}, me: {} };
  const loginRate = new Map<ServerName, number>();
  const tokens = new Map<ServerName, string[]>();
  const emulatorCpu: number[] = [];
  // GET /me's sessions belong to users the login rounds never use: logins beyond the per-user
  // session cap would revoke them mid-run.
  const meUserIds = await ctx.emulator.createUsers(ctx.app.appid, ME_SESSIONS);

  for (const server of servers) {
    const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, settings.warmupLogins + settings.connections);
    const warm = await loadLogin({ url: server.url, connections: settings.connections, amount: settings.warmupLogins }, codes);
    loginRate.set(server.name, warm.rps);
    tokens.set(server.name, await loginTokens(ctx, server, meUserIds));
    await loadMe({ url: server.url, connections: settings.connections, durationSec: settings.warmupSec }, tokens.get(server.name)!);
    log(`  warm-up ${server.name}: ${describe(warm)}`);
  }

  for (let round = 1; round <= settings.rounds; round++) {
    const shift = (round - 1) % servers.length;
    const order = [...servers.slice(shift), ...servers.slice(0, shift)];
    for (const server of order) {
      // Enough codes for the fastest rate seen so far, with room to spare. The warm-up's rate
      // (cold JIT, every user's first login) understates a warm server's: a floor keeps the first
      // round from running dry, and a round that still does is run again with twice the codes.
      let needed = Math.ceil(Math.max(loginRate.get(server.name) ?? 0, MIN_LOGIN_RATE) * settings.durationSec * 2) + 4 * settings.connections;
      let result: RunResult;
      let emulatorBefore: number | undefined;
      for (;;) {
        const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, needed, settings.firstLoginEvery);
        emulatorBefore = cpuTimeMs(ctx.emulator.pid);
        result = await loadLogin(
          { url: server.url, pid: server.child.process.pid, connections: settings.connections, durationSec: settings.durationSec },
          codes,
        );
        if (!result.exhausted) break;
        log(`  round ${round} login ${server.name}: ran out of ${needed} codes, again with twice as many`);
        needed *= 2;
      }
      const emulatorAfter = cpuTimeMs(ctx.emulator.pid);
      if (emulatorBefore !== undefined && emulatorAfter !== undefined && result.ok > 0)
        emulatorCpu.push((emulatorAfter - emulatorBefore) / result.ok);
      loginRate.set(server.name, Math.max(loginRate.get(server.name) ?? 0, result.rps));
      (runs.login[server.name] ??= []).push(result);
      log(`  round ${round} login ${server.name}: ${describe(result)}`);
    }
    for (const server of order) {
      const result = await loadMe(
        { url: server.url, pid: server.child.process.pid, connections: settings.connections, durationSec: settings.durationSec },
        tokens.get(server.name)!,
      );
      (runs.me[server.name] ??= []).push(result);
      log(`  round ${round} GET /me ${server.name}: ${describe(result)}`);
    }
  }

  const medianOf = (results: RunResult[]): Medians => ({
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    cpuMsPerRequest: median(results.flatMap((r) => (r.cpuMsPerRequest === undefined ? [] : [r.cpuMsPerRequest]))),
  });
  const medians: LoadReport['medians'] = { login: {}, me: {} };
  const memory: LoadReport['memory'] = {};
  for (const server of servers) {
    medians.login[server.name] = medianOf(runs.login[server.name] ?? []);
    medians.me[server.name] = medianOf(runs.me[server.name] ?? []);
    const peakMiB = rssMiB(server.child.process.pid, 'VmHWM');
    if (server.idleRssMiB !== undefined && peakMiB !== undefined) memory[server.name] = { idleMiB: server.idleRssMiB, peakMiB };
  }
  return {
    settings,
    servers: servers.map((s) => s.name),
    runs,
    medians,
    memory,
    ...(emulatorCpu.length > 0 ? { emulatorCpuMsPerLogin: median(emulatorCpu) } : {}),
  };
}

function describe(r: RunResult): string {
  const flags = [r.failed ? `failed: ${JSON.stringify(r.failures)}` : '', r.exhausted ? 'ran out of codes' : ''].filter(Boolean).join(', ');
  const cpu = r.cpuMsPerRequest === undefined ? '' : `, ${r.cpuMsPerRequest.toFixed(2)} ms CPU/req`;
  return `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${cpu}${flags ? ` (${flags})` : ''}`;
}

/** Logins per second the first round's codes are minted for, at least. */
const MIN_LOGIN_RATE = 700;

/** GET /me rotates over this many sessions, one per user. */
const ME_SESSIONS = 256;

/** One session token per user, logged in through the server itself (for GET /me). */
async function loginTokens(ctx: Context, server: Server, userIds: string[]): Promise<string[]> {
  const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, userIds, userIds.length);
  return inBatches(userIds.length, 16, async (i) => {
    const response = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(codes[i]),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || !body.token) throw new Error(`${server.name} login for GET /me failed: HTTP ${response.status}`);
    return body.token;
  });
}
