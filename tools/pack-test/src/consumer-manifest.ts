import { KIT_SCOPE } from './workspace.js';

export interface ConsumerManifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, unknown>;
  [field: string]: unknown;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies'] as const;

/**
 * A consumer's package.json pointed at the packed tarballs: each `@douyin-kit/*` dependency
 * becomes `file:<tarball>` whatever version it names, and `overrides` sends every `@douyin-kit/*`
 * package to its tarball too, so a package's own dependency on another kit package (packed as
 * a plain version such as `0.1.0`) never reaches the registry. Throws on a kit dependency that is
 * not packed (a private workspace package, a typo).
 */
export function pointAtTarballs(manifest: ConsumerManifest, tarballs: ReadonlyMap<string, string>): ConsumerManifest {
  const spec = (name: string) => `file:${tarballs.get(name)}`;
  const rewritten: ConsumerManifest = { ...manifest };
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = manifest[field];
    if (!dependencies) continue;
    rewritten[field] = Object.fromEntries(
      Object.entries(dependencies).map(([name, version]) => {
        if (!name.startsWith(KIT_SCOPE)) return [name, version];
        if (!tarballs.has(name)) {
          throw new Error(
            `${manifest.name ?? 'consumer'} depends on ${name}, which is not a publishable package (packed: ${[...tarballs.keys()].join(', ')})`,
          );
        }
        return [name, spec(name)];
      }),
    );
  }
  // npm refuses an override that differs from the direct dependency it overrides: both are the
  // same file: spec.
  rewritten.overrides = { ...manifest.overrides, ...Object.fromEntries([...tarballs.keys()].map((name) => [name, spec(name)])) };
  return rewritten;
}
