#!/usr/bin/env node
// The CLI is compiled to dist/ by `pnpm build`. This committed launcher exists so that pnpm can
// link the `douyin-emulator` command at install time, before anything is built (pointing the
// bin at dist/cli.js made every fresh install warn "Failed to create bin").
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('douyin-emulator is not built yet: run `pnpm build` (or `pnpm emulator` from the repository root).');
  process.exit(1);
}
await import(cli.href);
