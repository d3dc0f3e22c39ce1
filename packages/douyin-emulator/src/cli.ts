#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ADMIN_PREFIX } from './routes/admin/admin-input.js';
import { DASHBOARD_PATH } from './routes/admin/dashboard.routes.js';
import { DEFAULT_DEV_SEED, ZSeedConfig, type SeedConfig } from './seed.js';
import { startEmulator } from './server.js';

const USAGE = `douyin-emulator [--port 8787] [--host 127.0.0.1] [--seed seed.json] [--state-file state.json] [--verbose]

Local stand-in for the Douyin mini-program open platform. Without --seed it creates a dev app
with two users (u_alice, u_bob) and two templates. Admin API under ${ADMIN_PREFIX}, dashboard
at ${DASHBOARD_PATH}. --state-file keeps the state (users' sessions and agreement, subscriptions,
inbox, tokens, the clock) across restarts; POST ${ADMIN_PREFIX}/reset goes back to the seed.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'state-file': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // The only environment variable read: a port override for scripts that cannot pass flags.
  const port = Number(values.port ?? process.env.DOUYIN_EMULATOR_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${values.port}`);

  let seed: SeedConfig = DEFAULT_DEV_SEED;
  if (values.seed) {
    const parsed = ZSeedConfig.safeParse(JSON.parse(await readFile(values.seed, 'utf8')));
    if (!parsed.success) throw new Error(`invalid seed file ${values.seed}:\n${z.prettifyError(parsed.error)}`);
    seed = parsed.data;
  }

  const stateFile = values['state-file'];
  const emulator = await startEmulator({ port, host: values.host, seed, logger: values.verbose, ...(stateFile ? { stateFile } : {}) });
  const apps = (await (await fetch(`${emulator.url}${ADMIN_PREFIX}/apps`)).json()) as Array<{ appid: string; secret: string }>;
  console.log(`Douyin emulator listening on ${emulator.url}`);
  console.log(`  legacy host base: ${emulator.url}  (e.g. POST /api/apps/v2/token)`);
  console.log(`  open platform base: ${emulator.url}  (e.g. POST /oauth/client_token/)`);
  console.log(`  admin prefix: ${emulator.url}${ADMIN_PREFIX}`);
  console.log(`  dashboard: ${emulator.url}${DASHBOARD_PATH}`);
  if (stateFile) console.log(`  state file: ${stateFile}`);
  for (const app of apps) console.log(`  app ${app.appid}  secret ${app.secret}  (fake credentials)`);
  const users = (await (await fetch(`${emulator.url}${ADMIN_PREFIX}/users`)).json()) as Array<{
    id: string;
    appid: string;
    nickname: string;
    openid: string;
  }>;
  for (const user of users) console.log(`  user ${user.id} (${user.nickname}) in ${user.appid}  openid ${user.openid}`);

  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
