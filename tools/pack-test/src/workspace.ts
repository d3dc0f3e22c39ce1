import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PACK_TEST_DIR = fileURLToPath(new URL('../', import.meta.url));
export const CONSUMERS_DIR = join(PACK_TEST_DIR, 'consumers');

/** The kit's own npm scope: consumer dependencies in it are pointed at the tarballs. */
export const KIT_SCOPE = '@douyin-kit/';

export interface PublishablePackage {
  name: string;
  version: string;
  dir: string;
}

interface Manifest {
  name?: string;
  version?: string;
  private?: boolean;
  devDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Every workspace package under packages/ that is not `private: true`: what a release publishes. */
export function publishablePackages(root = REPO_ROOT): PublishablePackage[] {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => ({ dir: join(packagesDir, entry.name), manifest: readManifest(join(packagesDir, entry.name)) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => {
      if (!manifest.name || !manifest.version) throw new Error(`${dir}/package.json has no name or version`);
      return { name: manifest.name, version: manifest.version, dir };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Publishable packages that this package does not list as devDependencies. turbo builds a
 * package before the pack test only through that edge (`test` depends on `^build`), so a missing
 * one would be packed from a stale or absent dist/.
 */
export function packagesNotBuiltFirst(packages: PublishablePackage[], packTestDir = PACK_TEST_DIR): string[] {
  const devDependencies = readManifest(packTestDir).devDependencies ?? {};
  return packages.filter((pkg) => devDependencies[pkg.name] !== 'workspace:*').map((pkg) => pkg.name);
}

/** The consumer projects: every folder of consumers/ with a package.json. */
export function consumerNames(consumersDir = CONSUMERS_DIR): string[] {
  return readdirSync(consumersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(consumersDir, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();
}
