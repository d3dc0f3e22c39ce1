import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every non-test source file under src/, generated code aside. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The unit of src/ a file belongs to: a feature (`modules/<name>`), an infrastructure concern
 * (`core/<name>`), or '.' for the files that wire them together (app.module, main, worker…).
 */
function folderOf(path: string): string {
  const [first, second, ...rest] = relative(SRC, path).split('/');
  if ((first === 'modules' || first === 'core') && rest.length > 0) return `${first}/${second}`;
  return first === 'core' ? 'core' : '.';
}

/** Folder → the folders its files import, with one importing file per edge for the message. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), specifier!));
      if (to === from || to === '.') continue;
      if (!graph.has(from)) graph.set(from, new Map());
      graph.get(from)!.set(to, relative(SRC, file));
    }
  }
  return graph;
}

/** One import cycle between folders, as `a (file) → b (file) → … → a`, or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string | undefined {
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): string | undefined => {
    const at = path.indexOf(folder);
    if (at >= 0) {
      const loop = [...path.slice(at), folder];
      return loop.map((f, i) => (i < loop.length - 1 ? `${f} (${graph.get(f)!.get(loop[i + 1]!)})` : f)).join(' → ');
    }
    if (done.has(folder)) return undefined;
    for (const next of graph.get(folder)?.keys() ?? []) {
      const cycle = visit(next, [...path, folder]);
      if (cycle) return cycle;
    }
    done.add(folder);
    return undefined;
  };
  for (const folder of graph.keys()) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('imports between the folders of src/', () => {
  it('form no cycle: a feature that needs another never is needed by it', () => {
    expect(findCycle(folderGraph())).toBeUndefined();
  });

  it('keep infrastructure apart from the features: nothing in core/ imports a module', () => {
    const offending = [...folderGraph()]
      .filter(([from]) => from.startsWith('core'))
      .flatMap(([from, edges]) => [...edges].filter(([to]) => to.startsWith('modules/')).map(([to, file]) => `${from} → ${to} (${file})`));
    expect(offending).toEqual([]);
  });

  it('are seen by this check (auth uses users to log them in)', () => {
    expect(folderGraph().get('modules/auth')?.has('modules/users')).toBe(true);
  });
});
