import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packPackages } from '../src/pack.js';
import { REPO_ROOT, packagesNotBuiltFirst, publishablePackages } from '../src/workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Package name → path of its tarball. */
    tarballs: Record<string, string>;
    /** Scratch folder outside the workspace, removed after the run. */
    scratchRoot: string;
    /** npm cache shared by the consumers (kept across runs, so a second run installs from it). */
    npmCache: string;
  }
}

/** Packs every publishable package once for all the e2e tests of the run. */
export default async function packTarballs(project: TestProject): Promise<() => Promise<void>> {
  const packages = publishablePackages();
  const notBuilt = packagesNotBuiltFirst(packages);
  if (notBuilt.length > 0) {
    throw new Error(
      `add ${notBuilt.map((name) => `"${name}": "workspace:*"`).join(', ')} to the devDependencies of tools/pack-test/package.json: ` +
        'turbo builds a package before the pack test only through that edge',
    );
  }
  assertIsolated(tmpdir());
  const scratchRoot = await mkdtemp(join(tmpdir(), 'douyin-kit-pack-test-'));
  const tarballDir = join(scratchRoot, 'tarballs');
  await mkdir(tarballDir);
  const tarballs = await packPackages(packages, tarballDir);
  project.provide('tarballs', Object.fromEntries(tarballs));
  project.provide('scratchRoot', scratchRoot);
  project.provide('npmCache', join(tmpdir(), 'douyin-kit-pack-test-npm-cache'));
  return async () => {
    if (process.env.PACK_TEST_KEEP_SCRATCH) console.log(`[pack-test] scratch kept in ${scratchRoot}`);
    else await rm(scratchRoot, { recursive: true, force: true });
  };
}

/**
 * Node and TypeScript look for packages in every node_modules above a project: the folder the
 * scratch projects go in must have none, or a consumer could pass on packages the tarballs lack.
 */
function assertIsolated(base: string): void {
  if (!relative(REPO_ROOT, base).startsWith('..')) throw new Error(`the temp dir ${base} is inside the workspace: set TMPDIR elsewhere`);
  for (let dir = base; ; dir = dirname(dir)) {
    const nodeModules = join(dir, 'node_modules');
    if (existsSync(nodeModules)) throw new Error(`${nodeModules} is visible from the temp dir ${base}: set TMPDIR elsewhere`);
    if (dirname(dir) === dir) return;
  }
}
