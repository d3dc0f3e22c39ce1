/**
 * `pnpm bench`: the API against a bare Fastify + pg baseline under load, the token race,
 * the mini-program's size and the API's cold start. Writes bench/RESULTS.md and refreshes the
 * README's results table (complete runs only). On demand only: never part of `pnpm test`.
 *
 * Flags (defaults are the real measurement; shorten them while developing):
 *   --only load,race,size,cold   --rounds 5   --duration 10   --connections 64
 *   --warmup-logins 2000   --warmup-sec 5   --cold-runs 5   --race-processes 4
 *   --race-requests 500   --first-login-every 10   --out bench/RESULTS.md
 *   --profile   CPU profiles of the API and the baseline under load, per request side by side,
 *               written to bench/PROFILE.md; `--only profile` runs the profiles alone
 *   --quick     a smoke run in under a minute (1 short round, no size): same table, indicative
 *               numbers only; prints, writes nothing unless --out is given
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureColdStart } from './cold-start.js';
import { Databases } from './databases.js';
import { Emulator } from './emulator.js';
import { runLoad } from './load.js';
import { currentLoad, describeMachine } from './machine.js';
import { measureMiniappSize } from './miniapp-size.js';
import { stopAllChildren } from './processes.js';
import { profileServers } from './profile.js';
import { updateReadme } from './readme.js';
import { machineLine, resultsMarkdown, summaryTable, type BenchResults } from './report.js';
import { startApi, startBaseline } from './servers.js';
import { runTokenRace } from './token-race.js';

const SECTIONS = ['load', 'race', 'size', 'cold'] as const;
const DEFAULT_OUT = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const PROFILE_OUT = fileURLToPath(new URL('../PROFILE.md', import.meta.url));
/** What --quick changes; any flag given explicitly still wins. */
const QUICK = {
  only: 'load,race,cold',
  rounds: '1',
  duration: '3',
  'warmup-logins': '300',
  'warmup-sec': '1',
  'cold-runs': '1',
  'race-processes': '2',
  'race-requests': '50',
  users: '200',
} as const;

const DEFAULTS = {
  only: SECTIONS.join(','),
  rounds: '5',
  duration: '10',
  connections: '64',
  'warmup-logins': '2000',
  'warmup-sec': '5',
  'cold-runs': '5',
  'race-processes': '4',
  'race-requests': '500',
  'first-login-every': '10',
  users: '1000',
};
const { values: given } = parseArgs({
  options: {
    ...Object.fromEntries(Object.keys(DEFAULTS).map((name) => [name, { type: 'string' as const }])),
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const quick = given.quick === true;
const flags = {
  ...DEFAULTS,
  ...(quick ? QUICK : {}),
  ...Object.fromEntries(Object.entries(given).filter(([, value]) => typeof value === 'string')),
} as Record<keyof typeof DEFAULTS, string> & { out?: string };
const out = flags.out ?? (quick ? undefined : DEFAULT_OUT);
const only = new Set(flags.only.split(',').map((s) => s.trim()));
for (const section of only) if (![...SECTIONS, 'profile'].includes(section)) throw new Error(`--only: unknown section ${section}`);
const profileWanted = given.profile === true || only.has('profile');
/** `--only profile`: no results to write or print. */
const profileOnly = only.size === 1 && only.has('profile');
const int = (name: keyof typeof DEFAULTS, min = 1) => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return value;
};
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const results: BenchResults = { machine: describeMachine(), database: '', appendix: [] };
  if (profileWanted || ['load', 'race', 'cold'].some((section) => only.has(section))) await runServerSections(results);
  // Last, with every server stopped: two webpack builds would crowd the machine.
  if (only.has('size')) {
    log('Mini-program size');
    results.size = measureMiniappSize(log);
  }

  results.loadAtEnd = currentLoad();
  if (profileOnly) return;
  if (out) writeFileSync(out, resultsMarkdown(results));
  log(`\n${summaryTable(results)}\n`);
  if (quick) log('--quick: one short round on a machine that is also building and minting codes; the numbers are indicative only.');
  if (out) log(`Wrote ${out}`);
  // Only a complete run written to bench/RESULTS.md speaks for the README.
  const complete = !quick && SECTIONS.every((section) => only.has(section)) && out === DEFAULT_OUT;
  if (complete && updateReadme(results)) log('Updated the results table in README.md');
}

/** The sections that need the emulator, a database server and API processes. */
async function runServerSections(results: BenchResults): Promise<void> {
  const databases = await Databases.open();
  let emulator: Emulator | undefined;
  const cleanUp = async () => {
    await stopAllChildren();
    await emulator?.stop();
    await databases.dropAll();
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    results.database = await databases.serverVersion();
    emulator = await Emulator.start();
    const app = await emulator.createApp();

    const userIds = only.has('load') || profileWanted ? await emulator.createUsers(app.appid, int('users')) : [];
    if (only.has('load')) {
      log('Load: API vs baseline');
      const common = { emulatorUrl: emulator.url, app };
      const servers = [
        await startApi({ ...common, databaseUrl: await databases.createApiDatabase('api') }),
        await startApi({ ...common, databaseUrl: await databases.createApiDatabase('api_warn'), logLevel: 'warn' }),
        await startBaseline({ ...common, databaseUrl: await databases.createBaselineDatabase() }),
      ];
      results.load = await runLoad(
        { emulator, app, userIds, servers, log },
        {
          rounds: int('rounds'),
          durationSec: int('duration'),
          connections: int('connections'),
          warmupLogins: int('warmup-logins'),
          warmupSec: int('warmup-sec'),
          firstLoginEvery: int('first-login-every', 0),
        },
      );
      for (const server of servers) await server.child.stop();
    }
    if (profileWanted) {
      log('Profile: API and baseline under load');
      try {
        const profile = await profileServers(
          { emulator, app, userIds, databases, durationSec: int('duration'), connections: int('connections') },
          log,
        );
        const header = `# CPU profile of the API and the baseline under load\n\nWritten by \`pnpm bench --profile\`. Machine: ${machineLine(results)}.\n\n`;
        writeFileSync(PROFILE_OUT, `${header}${profile}\n`);
        log(`Wrote ${PROFILE_OUT}`);
      } catch (error) {
        // The load results are still worth writing.
        log(`Profile failed (bench/PROFILE.md left as it was): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (only.has('race')) {
      log('Token race');
      results.race = await runTokenRace(
        { emulator, databases, log },
        { processes: int('race-processes'), requestsPerProcess: int('race-requests'), tokenLatencyMs: 200 },
      );
    }
    if (only.has('cold')) {
      log('Cold start');
      const databaseUrl = await databases.createApiDatabase('cold');
      results.coldStart = await measureColdStart({ databaseUrl, emulatorUrl: emulator.url, app, runs: int('cold-runs') }, log);
    }
  } finally {
    await cleanUp();
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopAllChildren();
  process.exit(1);
});
