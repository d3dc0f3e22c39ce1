// Marks a tsc output folder's module format for Node with a nested package.json
// ({"type": "module"} or {"type": "commonjs"}), so one package ships both CJS and ESM from two
// tsc builds without a bundler: Node and TypeScript read a .js or .d.ts file's format from the
// nearest package.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, type] = process.argv.slice(2);
if (!dir || (type !== 'module' && type !== 'commonjs')) {
  throw new Error('usage: mark-module-type.mjs <dir> module|commonjs');
}
writeFileSync(join(dir, 'package.json'), JSON.stringify({ type }) + '\n');
