import { runCommand } from './run-command.js';
import type { PublishablePackage } from './workspace.js';

const PACK_TIMEOUT_MS = 120_000;

/**
 * `pnpm pack` of each package into `destination` (pnpm, not npm: it rewrites `workspace:*`
 * dependencies to the versions a publish would write). Returns package name → tarball path.
 */
export async function packPackages(packages: PublishablePackage[], destination: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    const result = await runCommand('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir, timeoutMs: PACK_TIMEOUT_MS });
    if (result.exitCode !== 0) throw new Error(`${result.command} in ${pkg.dir} failed (exit ${result.exitCode}):\n${result.output}`);
    tarballs.set(pkg.name, packedFilename(result.output, pkg));
  }
  return tarballs;
}

function packedFilename(output: string, pkg: PublishablePackage): string {
  const json = output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1);
  const packed = JSON.parse(json) as { name?: string; filename?: string };
  if (packed.name !== pkg.name || !packed.filename) throw new Error(`unexpected pnpm pack output for ${pkg.name}:\n${output}`);
  return packed.filename;
}
