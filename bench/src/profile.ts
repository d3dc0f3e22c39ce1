import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Databases } from './databases.js';
import type { Emulator, EmulatorApp } from './emulator.js';
import { inBatches } from './emulator.js';
import { loadLogin, loadMe } from './load-runner.js';
import { startApi, startBaseline, type Server } from './servers.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) over the measured load, by function and by package, and the requests served. */
export interface ProfileSummary {
  busyUs: number;
  requests: number;
  byFunction: Map<string, number>;
  byPackage: Map<string, number>;
}

type Kind = 'API' | 'baseline';
type Endpoint = 'login' | 'me';

/**
 * Nest's shutdown hook ends the process by re-raising SIGTERM, and a process killed by a signal
 * never writes its --cpu-prof file: this preload exits normally on SIGTERM instead.
 */
const EXIT_ON_SIGTERM = 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))';

interface Context {
  emulator: Emulator;
  app: EmulatorApp;
  userIds: string[];
  databases: Databases;
  durationSec: number;
  connections: number;
}

/**
 * Runs the API and the baseline under `node --cpu-prof`, each once under login load and once
 * under GET /me load, and returns a markdown section: per request, where each server's CPU time
 * goes (self time by package and by function) and what the API spends beyond the baseline.
 */
export async function profileServers(ctx: Context, log: (line: string) => void): Promise<string> {
  const sections = [
    '## CPU profile of the API and the baseline',
    '',
    'Self time per request served (µs), over the measured load only (start-up and warm-up cut off), the two ' +
      'servers profiled one after the other under the same load. The profiler itself adds to both. `writev` and ' +
      '`writeBuffer` are socket writes (to PostgreSQL, the emulator, the client): both servers make the same ' +
      'number per request. Time of a descheduled thread lands on the frame it was in, so on a busy machine ' +
      'system calls look heavier than they are, and the JavaScript that runs right after one (the access line, ' +
      'just after the response is written) is charged more than it costs: confirm a suspect by turning it off ' +
      'and measuring CPU per request, as the README says for the access line.',
    '',
  ];
  for (const endpoint of ['login', 'me'] as const) {
    const api = await profileOne(ctx, 'API', endpoint);
    log(`  profiled ${endpoint} on the API`);
    const baseline = await profileOne(ctx, 'baseline', endpoint);
    log(`  profiled ${endpoint} on the baseline`);
    sections.push(`### ${endpoint === 'login' ? '`POST /auth/login`' : '`GET /me`'}`, '', compare(api, baseline), '');
  }
  return sections.join('\n');
}

async function profileOne(ctx: Context, kind: Kind, endpoint: Endpoint): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'douyin-kit-bench-prof-'));
  const common = { emulatorUrl: ctx.emulator.url, app: ctx.app, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
  const server: Server =
    kind === 'API'
      ? await startApi({
          ...common,
          databaseUrl: await ctx.databases.createApiDatabase(`profile_${endpoint}`),
          nodeArgs: [...common.nodeArgs, `--import=${EXIT_ON_SIGTERM}`],
        })
      : await startBaseline({ ...common, databaseUrl: await ctx.databases.createBaselineDatabase(`profile_${endpoint}`) });
  try {
    const options = { url: server.url, connections: ctx.connections, durationSec: ctx.durationSec };
    // Warm-up (and GET /me's tokens) first; only the samples of the measured load are kept.
    // Enough for a login rate no two-core run reaches: a run that ran dry would profile 400s.
    const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, 1000 + (endpoint === 'login' ? 1500 * ctx.durationSec : 0));
    await loadLogin({ ...options, durationSec: undefined, amount: 744 }, codes.slice(0, 744));
    const tokens = await inBatches(256, 16, async (i) => {
      const response = await fetch(`${server.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(codes[744 + i]),
      });
      return ((await response.json()) as { token: string }).token;
    });
    const loadStarted = performance.now();
    const result = endpoint === 'login' ? await loadLogin(options, codes.slice(1000)) : await loadMe(options, tokens);
    if (result.failed > 0 || result.exhausted) throw new Error(`${kind} ${endpoint} under the profiler: ${JSON.stringify(result.failures)}`);
    await server.child.stop();
    // Measured to the child's exit, where the profile ends.
    const windowUs = (performance.now() - loadStarted) * 1000;
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error(`the ${kind} wrote no CPU profile`);
    return summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, windowUs, result.ok);
  } finally {
    await server.child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Self time by function and by package over the last `windowUs` of the profile (the process
 * exits right after the load: the window is the load).
 */
export function summarise(profile: CpuProfile, windowUs: number, requests: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const from = profile.endTime - windowUs;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const summary: ProfileSummary = { busyUs: 0, requests, byFunction: new Map(), byPackage: new Map() };
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    summary.busyUs += us;
    const where = frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where ? ` — ${where}` : ''}`;
    summary.byFunction.set(name, (summary.byFunction.get(name) ?? 0) + us);
    summary.byPackage.set(packageOf(frame), (summary.byPackage.get(packageOf(frame)) ?? 0) + us);
  }
  return summary;
}

/** Markdown: totals per request, packages side by side, then each server's top functions. */
export function compare(api: ProfileSummary, baseline: ProfileSummary): string {
  const perRequest = (summary: ProfileSummary, us: number | undefined) => (us ?? 0) / summary.requests;
  const fmt = (us: number) => us.toFixed(1);
  const packages = [...new Set([...api.byPackage.keys(), ...baseline.byPackage.keys()])]
    .map((name) => ({ name, api: perRequest(api, api.byPackage.get(name)), baseline: perRequest(baseline, baseline.byPackage.get(name)) }))
    .sort((a, b) => b.api - b.baseline - (a.api - a.baseline))
    .filter((row) => row.api >= 0.5 || row.baseline >= 0.5);
  const topFunctions = (summary: ProfileSummary, n: number) =>
    [...summary.byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `| ${fmt(perRequest(summary, us))} | ${((us / summary.busyUs) * 100).toFixed(1)} % | ${name.replace(/\|/g, '\\|')} |`);
  const apiTotal = perRequest(api, api.busyUs);
  const baselineTotal = perRequest(baseline, baseline.busyUs);
  return [
    `Busy CPU per request in the profile: API ${fmt(apiTotal)} µs (${api.requests} requests), baseline ` +
      `${fmt(baselineTotal)} µs (${baseline.requests} requests): the API spends ${fmt(apiTotal - baselineTotal)} µs more ` +
      `(${(apiTotal / baselineTotal).toFixed(2)}×).`,
    '',
    '| package | API µs/req | baseline µs/req | API − baseline |',
    '|---|---|---|---|',
    ...packages.map(
      (row) => `| ${row.name} | ${fmt(row.api)} | ${fmt(row.baseline)} | ${row.api >= row.baseline ? '+' : ''}${fmt(row.api - row.baseline)} |`,
    ),
    '',
    'API, top functions by self time:',
    '',
    '| µs/req | share | function |',
    '|---|---|---|',
    ...topFunctions(api, 20),
    '',
    'Baseline, top functions by self time:',
    '',
    '| µs/req | share | function |',
    '|---|---|---|',
    ...topFunctions(baseline, 10),
  ].join('\n');
}

function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) return path.slice(inModules + '/node_modules/'.length);
  const inRepo = path.search(/\/(apps|packages|bench)\//);
  return inRepo >= 0 ? path.slice(inRepo + 1) : path;
}

function packageOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  if (frame.url.startsWith('node:')) return 'node: core';
  const path = shortPath(frame.url);
  if (path.startsWith('apps/api/')) return path.includes('/generated/') ? '@douyin-kit/api (generated Prisma client)' : '@douyin-kit/api';
  if (path.startsWith('bench/baseline/')) return 'baseline (its own code)';
  if (path.startsWith('packages/')) return `@douyin-kit/${path.split('/')[1]}`;
  const [scope, name] = path.split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
}
