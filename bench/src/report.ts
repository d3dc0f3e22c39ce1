import type { ColdStartReport } from './cold-start.js';
import type { LoadReport } from './load.js';
import type { Machine } from './machine.js';
import type { SizeReport } from './miniapp-size.js';
import type { TokenRaceReport } from './token-race.js';

export interface BenchResults {
  machine: Machine;
  database: string;
  /** 1-minute load average at the end of the run. */
  loadAtEnd?: number;
  load?: LoadReport;
  race?: TokenRaceReport;
  size?: SizeReport;
  coldStart?: ColdStartReport;
  /** Extra sections (e.g. the CPU profile), already in markdown. */
  appendix?: string[];
}

/** The targets (issue 14), checked against the medians. */
export const TARGETS = {
  loginThroughput: 0.8,
  loginP99: 1.3,
  meThroughput: 0.8,
  cpuPerRequest: 1.3,
  /** The API's peak resident memory may exceed the baseline's by at most this much (MiB). */
  peakRssOverBaselineMiB: 150,
  sizeRatio: 1.5,
} as const;

const verdict = (pass: boolean) => (pass ? '✅ pass' : '❌ fail');
const rps = (n: number) => `${n.toFixed(0)} req/s`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (n: number) => `${n.toFixed(0)} MiB`;
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—');
const cpu = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : '—');

export function machineLine(r: BenchResults): string {
  const m = r.machine;
  const load = `load average ${m.loadAtStart.toFixed(1)} at start${r.loadAtEnd === undefined ? '' : `, ${r.loadAtEnd.toFixed(1)} at end`}`;
  const database = r.database ? `, ${r.database}` : '';
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}${database}; ${m.date} (${load})`;
}

const VARIANTS = [
  { name: 'API', label: 'default logs' },
  { name: 'API (warn)', label: '`LOG_LEVEL=warn`' },
] as const;

function loadRows(load: LoadReport): string[] {
  const rows: string[] = [];
  const baseline = { login: load.medians.login.baseline, me: load.medians.me.baseline };
  if (!baseline.login || !baseline.me) return rows;
  for (const { name, label } of VARIANTS) {
    const login = load.medians.login[name];
    const me = load.medians.me[name];
    if (!login || !me) continue;
    const loginRps = login.rps / baseline.login.rps;
    const loginP99 = login.p99 / baseline.login.p99;
    const loginCpu = login.cpuMsPerRequest / baseline.login.cpuMsPerRequest;
    const meRps = me.rps / baseline.me.rps;
    const meCpu = me.cpuMsPerRequest / baseline.me.cpuMsPerRequest;
    rows.push(
      `| \`POST /auth/login\` throughput, ${label} | ${rps(login.rps)} | ${rps(baseline.login.rps)} | ${times(loginRps)} | ≥ ${TARGETS.loginThroughput}× | ${verdict(loginRps >= TARGETS.loginThroughput)} |`,
      `| \`POST /auth/login\` p50 / p99 latency, ${label} | ${ms(login.p50)} / ${ms(login.p99)} | ${ms(baseline.login.p50)} / ${ms(baseline.login.p99)} | ${times(login.p50 / baseline.login.p50)} / ${times(loginP99)} | p99 ≤ ${TARGETS.loginP99}× | ${verdict(loginP99 <= TARGETS.loginP99)} |`,
      `| \`POST /auth/login\` CPU per request (server process), ${label} | ${cpu(login.cpuMsPerRequest)} | ${cpu(baseline.login.cpuMsPerRequest)} | ${times(loginCpu)} | ≤ ${TARGETS.cpuPerRequest}× | ${verdict(loginCpu <= TARGETS.cpuPerRequest)} |`,
      `| \`GET /me\` throughput, ${label} | ${rps(me.rps)} | ${rps(baseline.me.rps)} | ${times(meRps)} | ≥ ${TARGETS.meThroughput}× | ${verdict(meRps >= TARGETS.meThroughput)} |`,
      `| \`GET /me\` p50 / p99 latency, ${label} | ${ms(me.p50)} / ${ms(me.p99)} | ${ms(baseline.me.p50)} / ${ms(baseline.me.p99)} | ${times(me.p50 / baseline.me.p50)} / ${times(me.p99 / baseline.me.p99)} | | |`,
      `| \`GET /me\` CPU per request (server process), ${label} | ${cpu(me.cpuMsPerRequest)} | ${cpu(baseline.me.cpuMsPerRequest)} | ${times(meCpu)} | ≤ ${TARGETS.cpuPerRequest}× | ${verdict(meCpu <= TARGETS.cpuPerRequest)} |`,
    );
  }
  const api = load.memory.API;
  const base = load.memory.baseline;
  if (api && base) {
    const over = api.peakMiB - base.peakMiB;
    rows.push(
      `| Resident memory: idle / peak under load (default logs) | ${mib(api.idleMiB)} / ${mib(api.peakMiB)} | ${mib(base.idleMiB)} / ${mib(base.peakMiB)} | peak +${mib(over)} | peak ≤ baseline + ${TARGETS.peakRssOverBaselineMiB} MiB | ${verdict(over <= TARGETS.peakRssOverBaselineMiB)} |`,
    );
  }
  if (load.emulatorCpuMsPerLogin !== undefined) {
    rows.push(`| Emulator CPU per login it answers (shares the cores; Douyin's cost the API none) | ${cpu(load.emulatorCpuMsPerLogin)} | | | | |`);
  }
  return rows;
}

/** The summary table (what the README shows). */
export function summaryTable(r: BenchResults): string {
  const rows: string[] = ['| benchmark | douyin-kit | baseline | ratio | target | result |', '|---|---|---|---|---|---|'];
  if (r.load) rows.push(...loadRows(r.load));
  if (r.race) {
    const { fetches, settings } = r.race;
    // Every request answered: 200, or an explicit overload answer (502/503 with retry advice, e.g.
    // a pool wait beyond DATABASE_CONNECT_TIMEOUT_MS) — never a 500, a 4xx or a hang.
    const answered = Object.keys(r.race.statuses).every((status) => status === '200' || /^50[23] [A-Z_]+$/.test(status));
    const ok = fetches.client_token === 1 && fetches.app_access_token <= 1 && answered;
    rows.push(
      `| Token race: upstream fetches, ${settings.processes} cold processes × ${settings.requestsPerProcess} requests | client_token ${fetches.client_token}, app access token ${fetches.app_access_token} (not used by this route) | | | 1 per credential | ${verdict(ok)} |`,
    );
  }
  if (r.size) {
    rows.push(
      `| Mini-program \`dist\` (tt) vs Taro's empty two-page app | ${kb(r.size.appBytes)} | ${kb(r.size.emptyBytes)} (empty app) | ${times(r.size.ratio)} | ≤ ${TARGETS.sizeRatio}× | ${verdict(r.size.ratio <= TARGETS.sizeRatio)} |`,
    );
  }
  if (r.coldStart) {
    rows.push(`| Cold start: spawn → first 200 from \`/ready\` (median of ${r.coldStart.runs.length}) | ${ms(r.coldStart.medianMs)} | | | | |`);
  }
  return rows.join('\n');
}

/** bench/RESULTS.md: machine, settings, the summary, then every round and the notes. */
export function resultsMarkdown(r: BenchResults): string {
  const parts = ['# Benchmark results', '', `Written by \`pnpm bench\`. Machine: ${machineLine(r)}.`, ''];
  if (r.load) {
    const s = r.load.settings;
    parts.push(
      `Load: autocannon, ${s.connections} connections, ${s.rounds} rounds of ${s.durationSec} s per endpoint and server, API and ` +
        `baseline back to back in alternating order, medians of the rounds; after ${s.warmupLogins} warm-up logins and ` +
        `${s.warmupSec} s of \`GET /me\` per server. Both servers use one emulator and one PostgreSQL server.`,
      '',
    );
  }
  parts.push(summaryTable(r), '');
  if (r.load) parts.push('## Rounds', '', roundsTable(r.load), '');
  if (r.race) {
    const statuses = Object.entries(r.race.statuses)
      .map(([status, n]) => `${n}× HTTP ${status}`)
      .join(', ');
    parts.push(
      '## Token race',
      '',
      `\`POST /me/phone\` (new flow: the API redeems the phone code with the client_token inside the request) on ` +
        `${r.race.settings.processes} API processes sharing one fresh database (empty \`douyin_tokens\`), ` +
        `${r.race.settings.requestsPerProcess} requests per process sent at once; the emulator adds ` +
        `${r.race.settings.tokenLatencyMs} ms to each token fetch, as a real upstream would, so the race window stays open. ` +
        `Answers: ${statuses}, in ${(r.race.durationMs / 1000).toFixed(1)} s.`,
      '',
    );
  }
  if (r.size) {
    const additions = r.size.largestAdditions.map((a) => `\`${a.file}\` +${kb(a.addedBytes)}`).join(', ');
    parts.push(
      '## Mini-program size',
      '',
      `Production tt builds, every file under \`dist/\`. Largest additions over the empty app: ${additions}. ` +
        `Of the app's \`vendors.js\`, ${kb(r.size.zodBytes)} are webpack modules that mention zod ` +
        "(the contracts' schemas, validated in the app).",
      '',
    );
  }
  if (r.coldStart) {
    parts.push(
      '## Cold start',
      '',
      `Each start (ms): ${r.coldStart.runs.map((n) => n.toFixed(0)).join(', ')}. Migrated database, warm page cache.`,
      '',
    );
  }
  for (const extra of r.appendix ?? []) parts.push(extra, '');
  return parts.join('\n');
}

function roundsTable(load: LoadReport): string {
  const rows = ['| round | endpoint | server | req/s | p50 | p99 | CPU/req | failed |', '|---|---|---|---|---|---|---|---|'];
  for (const endpoint of ['login', 'me'] as const) {
    for (const server of load.servers) {
      (load.runs[endpoint][server] ?? []).forEach((run, i) => {
        const label = endpoint === 'login' ? '`POST /auth/login`' : '`GET /me`';
        const statuses = Object.entries(run.failures)
          .map(([status, n]) => `${n}× ${status}`)
          .join(', ');
        const failed = `${run.failed}${statuses ? ` (${statuses})` : ''}${run.exhausted ? ', ran out of codes' : ''}`;
        rows.push(
          `| ${i + 1} | ${label} | ${server} | ${run.rps.toFixed(0)} | ${ms(run.p50)} | ${ms(run.p99)} | ${cpu(run.cpuMsPerRequest ?? Number.NaN)} | ${failed} |`,
        );
      });
    }
  }
  return rows.join('\n');
}

/** The login mix in words (README and RESULTS.md). */
export function loginMix(firstLoginEvery: number): string {
  if (firstLoginEvery <= 0) return 'returning users only';
  const share = 100 / firstLoginEvery;
  return `${(100 - share).toFixed(0)} % returning users, ${share.toFixed(0)} % first logins (a user created for it)`;
}
