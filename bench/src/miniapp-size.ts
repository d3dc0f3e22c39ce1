import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MINIAPP_DIST = join(REPO_ROOT, 'apps/miniapp/dist');
const EMPTY_DIST = join(REPO_ROOT, 'bench/taro-empty/dist');

export interface SizeReport {
  appBytes: number;
  emptyBytes: number;
  ratio: number;
  /** Files of the app that outweigh their counterpart in the empty build most (bytes added). */
  largestAdditions: { file: string; addedBytes: number }[];
  /** Bytes of the app's vendors.js in webpack modules that mention zod (a rough attribution). */
  zodBytes: number;
}

/**
 * Builds the mini-program and Taro's empty two-page app for tt (production builds, same Taro
 * versions and config) and compares what DevTools would upload: every file under dist/.
 */
export function measureMiniappSize(log: (line: string) => void): SizeReport {
  build('@douyin-kit/miniapp', 'build', log);
  build('@douyin-kit/bench-taro-empty', 'build:tt', log);
  const app = fileSizes(MINIAPP_DIST);
  const empty = fileSizes(EMPTY_DIST);
  const appBytes = sum(app);
  const emptyBytes = sum(empty);
  const largestAdditions = [...app]
    .map(([file, bytes]) => ({ file, addedBytes: bytes - (empty.get(file) ?? 0) }))
    .sort((a, b) => b.addedBytes - a.addedBytes)
    .slice(0, 3);
  return { appBytes, emptyBytes, ratio: appBytes / emptyBytes, largestAdditions, zodBytes: zodBytesIn(join(MINIAPP_DIST, 'vendors.js')) };
}

/** Splits a minified webpack chunk at its module boundaries (`,1234:function(`) and sums the zod ones. */
function zodBytesIn(file: string): number {
  const modules = readFileSync(file, 'utf8').split(/(?=[,{]\d{2,5}:function\()/);
  return modules.filter((source) => /zod/i.test(source)).reduce((total, source) => total + Buffer.byteLength(source), 0);
}

function build(filter: string, script: string, log: (line: string) => void): void {
  log(`  building ${filter} for tt`);
  // Production (minified) builds whatever NODE_ENV the shell has: what gets uploaded.
  const result = spawnSync('pnpm', ['--filter', filter, script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`${filter} ${script} failed:\n${(result.stdout + result.stderr).slice(-3000)}`);
}

function fileSizes(root: string): Map<string, number> {
  const sizes = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else sizes.set(relative(root, path), statSync(path).size);
    }
  };
  walk(root);
  return sizes;
}

function sum(sizes: Map<string, number>): number {
  return [...sizes.values()].reduce((a, b) => a + b, 0);
}
