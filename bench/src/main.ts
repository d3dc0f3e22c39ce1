/**
 * `pnpm bench`: the API against a bare Fastify + pg baseline under load, the token race,
 * the mini-program's size and the API's cold start. Writes bench/RESULTS.md and refreshes the
 * README's results table (complete runs only). On demand only: never part of `pnpm test`.
 *
 * Flags (defaults are the real measurement; shorten them while developing):
 *   --only load,race,size,cold   --rounds 5   --duration 10   --connections 64
 *   --warmup-logins 2000   --warmup-sec 5   --cold-runs 5   --race-processes 4
 *   --race-requests 500   --profile (CPU profile of the API under load)   --out bench/RESULTS.md
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
import { profileApi } from './profile.js';
import { updateReadme } from './readme.js';
import { resultsMarkdown, summaryTable, type BenchResults } from './report.js';
import { startApi, startBaseline } from './servers.js';
import { runTokenRace } from './token-race.js';

const SECTIONS = ['load', 'race', 'size', 'cold'] as const;
const DEFAULT_OUT = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string', default: SECTIONS.join(',') },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    'warmup-logins': { type: 'string', default: '2000' },
    'warmup-sec': { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '5' },
    'race-processes': { type: 'string', default: '4' },
    'race-requests': { type: 'string', default: '500' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: DEFAULT_OUT },
  },
});
const only = new Set(flags.only.split(',').map((s) => s.trim()));
for (const section of only) if (!(SECTIONS as readonly string[]).includes(section)) throw new Error(`--only: unknown section ${section}`);
const int = (name: keyof typeof flags) => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const results: BenchResults = { machine: describeMachine(), database: '', appendix: [] };
  if (['load', 'race', 'cold'].some((section) => only.has(section))) await runServerSections(results);
  // Last, with every server stopped: two webpack builds would crowd the machine.
  if (only.has('size')) {
    log('Mini-program size');
    results.size = measureMiniappSize(log);
  }

  results.loadAtEnd = currentLoad();
  writeFileSync(flags.out, resultsMarkdown(results));
  log(`\n${summaryTable(results)}\n\nWrote ${flags.out}`);
  // Only a complete run written to bench/RESULTS.md speaks for the README.
  const complete = SECTIONS.every((section) => only.has(section)) && flags.out === DEFAULT_OUT;
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

    if (only.has('load')) {
      log('Load: API vs baseline');
      const userIds = await emulator.createUsers(app.appid, 1000);
      const common = { emulatorUrl: emulator.url, app };
      const api = await startApi({ ...common, databaseUrl: await databases.createApiDatabase('api') });
      const baseline = await startBaseline({ ...common, databaseUrl: await databases.createBaselineDatabase() });
      results.load = await runLoad(
        { emulator, app, userIds, servers: [api, baseline], log },
        {
          rounds: int('rounds'),
          durationSec: int('duration'),
          connections: int('connections'),
          warmupLogins: int('warmup-logins'),
          warmupSec: int('warmup-sec'),
        },
      );
      await api.child.stop();
      await baseline.child.stop();
      if (flags.profile) {
        log('Profile: API under load');
        const databaseUrl = await databases.createApiDatabase('profile');
        results.appendix!.push(
          await profileApi({ emulator, app, userIds, databaseUrl, durationSec: int('duration'), connections: int('connections') }, log),
        );
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
