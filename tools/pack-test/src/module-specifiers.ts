import { builtinModules } from 'node:module';

// import/export … from 'x', import 'x', import('x'), require('x'): what tsc emits, ESM and CJS.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
const BUILTINS = new Set(builtinModules);

/** The packages a compiled module or declaration file loads: bare specifiers, no Node built-ins. */
export function importedPackages(source: string): Set<string> {
  const packages = new Set<string>();
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
    const segments = specifier.split('/');
    const name = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
    if (!BUILTINS.has(name)) packages.add(name);
  }
  return packages;
}
