// Marks a tsc ES-module output folder as ESM for Node (a nested package.json with
// "type": "module"), so one package ships both CJS (the API) and ESM (the Taro bundle,
// which tree-shakes it) without a bundler.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: mark-esm.mjs <dir>');
writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
