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

/** The targets of issue 7, checked against the medians. */
export const TARGETS = {
  loginThroughput: 0.7,
  loginP99: 1.5,
  meThroughput: 0.8,
  sizeRatio: 1.5,
} as const;

const verdict = (pass: boolean) => (pass ? '✅ pass' : '❌ fail');
const rps = (n: number) => `${n.toFixed(0)} req/s`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—');
const cpu = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : '—');

export function machineLine(r: BenchResults): string {
  const m = r.machine;
  const load = `load average ${m.loadAtStart.toFixed(1)} at start${r.loadAtEnd === undefined ? '' : `, ${r.loadAtEnd.toFixed(1)} at end`}`;
  const database = r.database ? `, ${r.database}` : '';
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}${database}; ${m.date} (${load})`;
}

/** The summary table (what the README shows). */
export function summaryTable(r: BenchResults): string {
  const rows: string[] = ['| benchmark | douyin-kit | baseline | ratio | target | result |', '|---|---|---|---|---|---|'];
  if (r.load) {
    const { login, me } = r.load.medians;
    const loginRps = login.API.rps / login.baseline.rps;
    const loginP99 = login.API.p99 / login.baseline.p99;
    const meRps = me.API.rps / me.baseline.rps;
    rows.push(
      `| \`POST /auth/login\` throughput | ${rps(login.API.rps)} | ${rps(login.baseline.rps)} | ${times(loginRps)} | ≥ ${TARGETS.loginThroughput}× | ${verdict(loginRps >= TARGETS.loginThroughput)} |`,
      `| \`POST /auth/login\` p50 latency | ${ms(login.API.p50)} | ${ms(login.baseline.p50)} | ${times(login.API.p50 / login.baseline.p50)} | | |`,
      `| \`POST /auth/login\` p99 latency | ${ms(login.API.p99)} | ${ms(login.baseline.p99)} | ${times(loginP99)} | ≤ ${TARGETS.loginP99}× | ${verdict(loginP99 <= TARGETS.loginP99)} |`,
      `| \`POST /auth/login\` CPU per request (server process) | ${cpu(login.API.cpuMsPerRequest)} | ${cpu(login.baseline.cpuMsPerRequest)} | ${times(login.API.cpuMsPerRequest / login.baseline.cpuMsPerRequest)} | | |`,
      `| \`GET /me\` throughput | ${rps(me.API.rps)} | ${rps(me.baseline.rps)} | ${times(meRps)} | ≥ ${TARGETS.meThroughput}× | ${verdict(meRps >= TARGETS.meThroughput)} |`,
      `| \`GET /me\` p50 / p99 latency | ${ms(me.API.p50)} / ${ms(me.API.p99)} | ${ms(me.baseline.p50)} / ${ms(me.baseline.p99)} | ${times(me.API.p50 / me.baseline.p50)} / ${times(me.API.p99 / me.baseline.p99)} | | |`,
      `| \`GET /me\` CPU per request (server process) | ${cpu(me.API.cpuMsPerRequest)} | ${cpu(me.baseline.cpuMsPerRequest)} | ${times(me.API.cpuMsPerRequest / me.baseline.cpuMsPerRequest)} | | |`,
    );
  }
  if (r.race) {
    const { fetches, settings } = r.race;
    const answered = Object.entries(r.race.statuses).every(([status]) => status.startsWith('2'));
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
        `${r.race.settings.processes} API processes sharing one fresh database (empty \`platform_credentials\`), ` +
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
    for (const server of ['API', 'baseline'] as const) {
      load.runs[endpoint][server].forEach((run, i) => {
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
