import { readFile } from 'node:fs/promises';
import { unpack } from '@publint/pack';
import { describe, expect, inject, it } from 'vitest';
import { importedPackages } from '../src/module-specifiers.js';

interface PackedManifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

// What an installed package can load: its own dependencies, nothing from devDependencies or the
// workspace. (The consumers prove the entries they exercise; this covers every shipped file.)
describe('every package a shipped module or declaration imports is a dependency', () => {
  for (const [name, tarball] of Object.entries(inject('tarballs'))) {
    it(name, async () => {
      const { files, rootDir } = await unpack(await readFile(tarball));
      const text = (file: { data: Uint8Array }) => new TextDecoder().decode(file.data);
      const manifestFile = files.find((file) => file.name === `${rootDir}/package.json`);
      if (!manifestFile) throw new Error(`${tarball} has no package.json`);
      const manifest = JSON.parse(text(manifestFile)) as PackedManifest;
      const allowed = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }));

      const missing = new Map<string, string[]>();
      const shipped = files.filter((file) => /\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file.name) && !file.name.startsWith(`${rootDir}/src/`));
      expect(shipped.length).toBeGreaterThan(0);
      for (const file of shipped) {
        for (const imported of importedPackages(text(file))) {
          if (!allowed.has(imported)) missing.set(imported, [...(missing.get(imported) ?? []), file.name]);
        }
      }
      expect(Object.fromEntries(missing)).toEqual({});
    });
  }
});
