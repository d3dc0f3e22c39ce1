// Empties a package's dist/ before a build: tsc never deletes outputs whose source is gone, and
// `files: ["dist"]` would pack them.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
