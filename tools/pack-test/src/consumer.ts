import { cp, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pointAtTarballs, type ConsumerManifest } from './consumer-manifest.js';
import { type CommandResult, runCommand } from './run-command.js';
import { CONSUMERS_DIR } from './workspace.js';

export interface ConsumerRunOptions {
  tarballs: ReadonlyMap<string, string>;
  /** Folder outside the workspace the consumer is copied into. */
  scratchRoot: string;
  /** npm cache shared by every consumer of the run. */
  npmCache: string;
  timeoutMs: number;
}

export interface ConsumerRun {
  name: string;
  dir: string;
  steps: CommandResult[];
  ok: boolean;
}

/**
 * Copies consumers/<name> outside the workspace, points its kit dependencies at the tarballs,
 * then `npm install` and `npm test` there, stopping at the first failing step.
 */
export async function runConsumer(name: string, options: ConsumerRunOptions): Promise<ConsumerRun> {
  const dir = join(options.scratchRoot, name);
  await cp(join(CONSUMERS_DIR, name), dir, {
    recursive: true,
    filter: (source) => !['node_modules', 'package-lock.json'].includes(basename(source)),
  });
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as ConsumerManifest;
  await writeFile(manifestPath, JSON.stringify(pointAtTarballs(manifest, options.tarballs), null, 2) + '\n');

  const env = plainNpmEnv(options.npmCache);
  const steps: CommandResult[] = [];
  for (const args of [['install', '--no-audit', '--no-fund', '--prefer-offline'], ['test']]) {
    const result = await runCommand('npm', args, { cwd: dir, env, timeoutMs: options.timeoutMs });
    steps.push(result);
    if (result.exitCode !== 0) return { name, dir, steps, ok: false };
  }
  return { name, dir, steps, ok: true };
}

// npm settings kept from the environment: how to reach the registry.
const NETWORK_NPM_CONFIG = /^npm_config_(registry|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|userconfig|globalconfig)$/i;

/**
 * The environment of a developer's shell: without what pnpm, turbo and Vitest add for their own
 * child processes (pnpm passes its whole config on as npm_config_*, keys npm does not know or
 * would misread), with the run's shared cache. npm reads its config files itself.
 */
function plainNpmEnv(npmCache: string): NodeJS.ProcessEnv {
  const added = (key: string) => /^(npm_|pnpm_|vitest|turbo_)/i.test(key) && !NETWORK_NPM_CONFIG.test(key);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !added(key) && key !== 'NODE_ENV'));
  return { ...env, npm_config_cache: npmCache };
}

export function describeRun(run: ConsumerRun): string {
  return run.steps.map((step) => `${step.command} ${(step.durationMs / 1000).toFixed(1)} s${step.exitCode === 0 ? '' : ' FAILED'}`).join(', ');
}

/** What a failed consumer printed, for the test failure. */
export function failureReport(run: ConsumerRun): string {
  const failed = run.steps.at(-1);
  if (!failed) return `consumer ${run.name} did not run`;
  const status = failed.signal ? `signal ${failed.signal}` : `exit ${failed.exitCode}`;
  return `consumer ${run.name}: \`${failed.command}\` failed (${status}) in ${run.dir}\n${failed.output}`;
}
