import type { Emulator, EmulatorApp } from './emulator.js';
import { inBatches } from './emulator.js';
import { loadLogin, loadMe, type RunResult } from './load-runner.js';
import type { Server } from './servers.js';
import { median } from './stats.js';

export interface LoadSettings {
  rounds: number;
  durationSec: number;
  connections: number;
  /** Logins per server before measuring (also creates every user once). */
  warmupLogins: number;
  warmupSec: number;
}

export type Endpoint = 'login' | 'me';

/** Per endpoint and server: every round, and the medians the report shows. */
export interface LoadReport {
  settings: LoadSettings;
  runs: Record<Endpoint, Record<Server['name'], RunResult[]>>;
  medians: Record<Endpoint, Record<Server['name'], { rps: number; p50: number; p99: number; cpuMsPerRequest: number }>>;
}

interface Context {
  emulator: Emulator;
  app: EmulatorApp;
  userIds: string[];
  servers: [Server, Server];
  log: (line: string) => void;
}

/**
 * Warms both servers up, then runs `rounds` rounds; in each round every endpoint is measured on
 * both servers back to back, the order alternating between rounds so neither side always runs
 * on a warmer (or more crowded) machine.
 */
export async function runLoad(ctx: Context, settings: LoadSettings): Promise<LoadReport> {
  const { servers, log } = ctx;
  const runs: LoadReport['runs'] = { login: { API: [], baseline: [] }, me: { API: [], baseline: [] } };
  const loginRate: Record<Server['name'], number> = { API: 0, baseline: 0 };
  const tokens: Record<Server['name'], string[]> = { API: [], baseline: [] };

  for (const server of servers) {
    const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, settings.warmupLogins + settings.connections);
    const warm = await loadLogin({ url: server.url, connections: settings.connections, amount: settings.warmupLogins }, codes);
    loginRate[server.name] = warm.rps;
    tokens[server.name] = await loginTokens(ctx, server, 256);
    await loadMe({ url: server.url, connections: settings.connections, durationSec: settings.warmupSec }, tokens[server.name]);
    log(`  warm-up ${server.name}: ${describe(warm)}`);
  }

  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 === 1 ? servers : ([servers[1], servers[0]] as const);
    for (const server of order) {
      // Enough codes for the fastest rate seen so far, with room to spare.
      const needed = Math.ceil(loginRate[server.name] * settings.durationSec * 2.5) + 4 * settings.connections;
      const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, needed);
      const result = await loadLogin(
        { url: server.url, pid: server.child.process.pid, connections: settings.connections, durationSec: settings.durationSec },
        codes,
      );
      loginRate[server.name] = Math.max(loginRate[server.name], result.rps);
      runs.login[server.name].push(result);
      log(`  round ${round} login ${server.name}: ${describe(result)}`);
    }
    for (const server of order) {
      const result = await loadMe(
        { url: server.url, pid: server.child.process.pid, connections: settings.connections, durationSec: settings.durationSec },
        tokens[server.name],
      );
      runs.me[server.name].push(result);
      log(`  round ${round} GET /me ${server.name}: ${describe(result)}`);
    }
  }

  const medianOf = (results: RunResult[]) => ({
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    cpuMsPerRequest: median(results.flatMap((r) => (r.cpuMsPerRequest === undefined ? [] : [r.cpuMsPerRequest]))),
  });
  return {
    settings,
    runs,
    medians: {
      login: { API: medianOf(runs.login.API), baseline: medianOf(runs.login.baseline) },
      me: { API: medianOf(runs.me.API), baseline: medianOf(runs.me.baseline) },
    },
  };
}

function describe(r: RunResult): string {
  const flags = [r.failed ? `failed: ${JSON.stringify(r.failures)}` : '', r.exhausted ? 'ran out of codes' : ''].filter(Boolean).join(', ');
  const cpu = r.cpuMsPerRequest === undefined ? '' : `, ${r.cpuMsPerRequest.toFixed(2)} ms CPU/req`;
  return `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${cpu}${flags ? ` (${flags})` : ''}`;
}

/** Session tokens of `count` users, logged in through the server itself (for GET /me). */
async function loginTokens(ctx: Context, server: Server, count: number): Promise<string[]> {
  const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, count);
  return inBatches(count, 16, async (i) => {
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
