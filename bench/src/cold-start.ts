import type { EmulatorApp } from './emulator.js';
import { startApi } from './servers.js';
import { median } from './stats.js';

export interface ColdStartReport {
  runs: number[];
  medianMs: number;
}

/**
 * Spawn of `node apps/api/dist/main.js` → first 200 from /ready, `runs` times on one migrated
 * database. One unmeasured start first: the first boot on a new database also installs
 * pg-boss's schema, which a deployment does once. Files come from a warm page cache.
 */
export async function measureColdStart(
  options: { databaseUrl: string; emulatorUrl: string; app: EmulatorApp; runs: number },
  log: (line: string) => void,
): Promise<ColdStartReport> {
  const priming = await startApi(options);
  await priming.child.stop();
  const runs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const api = await startApi(options);
    runs.push(api.readyMs);
    await api.child.stop();
    log(`  start ${i + 1}: ${api.readyMs.toFixed(0)} ms`);
  }
  return { runs, medianMs: median(runs) };
}
