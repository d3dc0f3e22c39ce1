import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator, EmulatorApp } from './emulator.js';
import { inBatches } from './emulator.js';
import { loadLogin, loadMe } from './load-runner.js';
import { startApi } from './servers.js';

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

/**
 * Nest's shutdown hook ends the process by re-raising SIGTERM, and a process killed by a signal
 * never writes its --cpu-prof file: this preload exits normally on SIGTERM instead.
 */
const EXIT_ON_SIGTERM = 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))';

/**
 * Runs the API under `node --cpu-prof`, once under login load and once under GET /me load, and
 * returns a markdown section: where the API's CPU time goes (self time by function and by package).
 */
export async function profileApi(
  ctx: { emulator: Emulator; app: EmulatorApp; userIds: string[]; databaseUrl: string; durationSec: number; connections: number },
  log: (line: string) => void,
): Promise<string> {
  const sections = [
    '## CPU profile of the API',
    '',
    'Self time over the measured load only (start-up and warm-up cut off). `writev` and `writeBuffer` are socket ' +
      'writes (to PostgreSQL, the emulator, the client): per `GET /me` the API makes as many as the baseline (3), ' +
      'so the difference is the JavaScript around them. Time of a descheduled thread lands on the frame it was in, ' +
      'so on a busy machine system calls look heavier than they are.',
    '',
  ];
  for (const endpoint of ['login', 'me'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'douyin-kit-bench-prof-'));
    const api = await startApi({
      databaseUrl: ctx.databaseUrl,
      emulatorUrl: ctx.emulator.url,
      app: ctx.app,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--import=${EXIT_ON_SIGTERM}`],
    });
    const options = { url: api.url, connections: ctx.connections, durationSec: ctx.durationSec };
    // Warm-up (and GET /me's tokens) first; only the samples of the measured load are kept.
    const codes = await ctx.emulator.mintLoginCodes(ctx.app.appid, ctx.userIds, 1000 + 400 * ctx.durationSec);
    await loadLogin({ ...options, durationSec: undefined, amount: 744 }, codes.slice(0, 744));
    const tokens = await inBatches(256, 16, async (i) => {
      const response = await fetch(`${api.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(codes[744 + i]),
      });
      return ((await response.json()) as { token: string }).token;
    });
    const loadStarted = performance.now();
    if (endpoint === 'login') await loadLogin(options, codes.slice(1000));
    else await loadMe(options, tokens);
    await api.child.stop();
    // Measured to the child's exit, where the profile ends.
    const windowUs = (performance.now() - loadStarted) * 1000;
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the API wrote no CPU profile');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    rmSync(dir, { recursive: true, force: true });
    log(`  profiled ${endpoint}`);
    sections.push(`### ${endpoint === 'login' ? '`POST /auth/login`' : '`GET /me`'}`, '', summarise(profile, windowUs), '');
  }
  return sections.join('\n');
}

/**
 * Self time by function and by package, as shares of the busy (non-idle) time, over the last
 * `windowUs` of the profile (the process exits right after the load: the window is the load).
 */
export function summarise(profile: CpuProfile, windowUs: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const from = profile.endTime - windowUs;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    busy += us;
    const where = frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where ? ` — ${where}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byPackage.set(packageOf(frame), (byPackage.get(packageOf(frame)) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1)} %`;
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `Busy CPU time sampled: ${(busy / 1e6).toFixed(1)} s.`,
    '',
    '| self time | function |',
    '|---|---|',
    ...top(byFunction, 15).map(([name, us]) => `| ${pct(us)} | ${name.replace(/\|/g, '\\|')} |`),
    '',
    '| self time | package |',
    '|---|---|',
    ...top(byPackage, 12).map(([name, us]) => `| ${pct(us)} | ${name} |`),
  ].join('\n');
}

function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) return path.slice(inModules + '/node_modules/'.length);
  const inRepo = path.search(/\/(apps|packages)\//);
  return inRepo >= 0 ? path.slice(inRepo + 1) : path;
}

function packageOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  if (frame.url.startsWith('node:')) return 'node: core';
  const path = shortPath(frame.url);
  if (path.startsWith('apps/api/')) return path.includes('/generated/') ? '@douyin-kit/api (generated Prisma client)' : '@douyin-kit/api';
  if (path.startsWith('packages/')) return `@douyin-kit/${path.split('/')[1]}`;
  const [scope, name] = path.split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
}
