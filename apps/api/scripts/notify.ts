/**
 * `pnpm --filter @douyin-kit/api notify --user <id|openid> --template <id> --data key=value …
 * [--page path] [--key idempotencyKey]`: queues one subscription message through the admin API
 * of a running API (API_URL, default http://127.0.0.1:3000; ADMIN_API_KEY from the environment
 * or .env, else the development key) and prints the result. Re-run with the printed --key to
 * retry safely: the same key never queues a second message.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEV_ADMIN_API_KEY } from '../src/core/config/app-config.js';
import { loadRootEnv } from '../tools/dev-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = 'usage: notify --user <userId|openId> --template <templateId> --data key=value [--data …] [--page path] [--key idempotencyKey]';

async function main(): Promise<void> {
  loadRootEnv();
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      template: { type: 'string' },
      data: { type: 'string', multiple: true },
      page: { type: 'string' },
      key: { type: 'string' },
    },
  });
  if (!values.user || !values.template) throw new Error(USAGE);
  const data: Record<string, string> = {};
  for (const pair of values.data ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--data ${pair}: expected key=value\n${USAGE}`);
    data[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const idempotencyKey = values.key ?? `cli-${randomUUID()}`;
  const body = {
    user: UUID.test(values.user) ? { id: values.user } : { openId: values.user },
    templateId: values.template,
    data,
    ...(values.page ? { page: values.page } : {}),
    idempotencyKey,
  };
  const apiUrl = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const response = await fetch(`${apiUrl}/admin/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': process.env.ADMIN_API_KEY ?? DEV_ADMIN_API_KEY },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  console.log(`${response.status} ${response.statusText} (idempotency key ${idempotencyKey})`);
  console.log(text ? JSON.stringify(JSON.parse(text), null, 2) : '');
  if (!response.ok) process.exitCode = 1;
  else console.log(`Status: GET ${apiUrl}/admin/notifications/${(JSON.parse(text) as { id: string }).id}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
