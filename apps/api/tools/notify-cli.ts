/**
 * The notify CLI (`pnpm --filter @douyin-kit/api notify`): queues one subscription message
 * through the admin API of a running API and prints how to follow it. A function of its
 * arguments and environment so its tests run it in-process.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { DEV_ADMIN_API_KEY } from '../src/core/config/app-config.js';

export interface NotifyIo {
  out(line: string): void;
  err(line: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMEOUT_MS = 10_000;

export const HELP = `Queue one subscription message through a running API (POST /admin/notifications).

usage: pnpm --filter @douyin-kit/api notify --user <user> --template <templateId> [--data key=value …] [--page path] [--key idempotencyKey]

  --user      our user id (a UUID), the user's Douyin openid, or, in development, the
              emulator's user id (u_alice, u_bob: pnpm dev lists them)
  --template  a template id from GET /templates (pnpm dev on the emulator: MSG_ONE_TIME_DEV, MSG_LONG_TERM_DEV)
  --data      one template keyword and its text, e.g. --data 物品名称=耳机 (repeatable)
  --page      the mini-program page the message opens
  --key       idempotency key; re-run with the printed one to retry safely (never sends twice)
  --help      this text

environment: API_URL (default http://127.0.0.1:3000), ADMIN_API_KEY (default: the development
key), DOUYIN_EMULATOR_PORT (default 8787: where an emulator user id is looked up), NODE_ENV.
The repository's .env is read too.`;

class UsageError extends Error {}

/** Runs the CLI; resolves with its exit code (0 queued, 1 refused or unreachable, 2 bad usage). */
export async function runNotify(argv: string[], env: NodeJS.ProcessEnv, io: NotifyIo): Promise<number> {
  try {
    return await notify(argv, env, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`notify: ${error.message} Run with --help for usage.`);
      return 2;
    }
    io.err(`notify: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function notify(argv: string[], env: NodeJS.ProcessEnv, io: NotifyIo): Promise<number> {
  const values = parse(argv);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (!values.user || !values.template) throw new UsageError('--user and --template are required.');
  const data: Record<string, string> = {};
  for (const pair of values.data ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--data ${pair}: expected key=value.`);
    data[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const apiUrl = (env.API_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
  const adminKey = env.ADMIN_API_KEY || DEV_ADMIN_API_KEY;
  const idempotencyKey = values.key ?? `cli-${randomUUID()}`;
  const body = {
    user: await resolveUser(values.user, env, io),
    templateId: values.template,
    data,
    ...(values.page ? { page: values.page } : {}),
    idempotencyKey,
  };

  const response = await reach(apiUrl, () =>
    fetch(`${apiUrl}/admin/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': adminKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }),
  );
  const answer = await readJson(response, apiUrl);
  if (!response.ok) {
    io.err(`notify: the API refused the message: ${refusal(response.status, answer)}`);
    return 1;
  }
  const notification = answer as { id: string; status: string };
  io.out(`Queued notification ${notification.id} (${response.status}, status ${notification.status}):`);
  io.out(JSON.stringify(answer, null, 2));
  // The status route wants the admin key too: print it when it is the public development key.
  const keyHeader = env.ADMIN_API_KEY ? '"x-admin-key: $ADMIN_API_KEY"' : `'x-admin-key: ${DEV_ADMIN_API_KEY}'`;
  io.out(`Status: curl -s -H ${keyHeader} ${apiUrl}/admin/notifications/${notification.id}`);
  io.out(`Retry safely with --key ${idempotencyKey} (the same key never queues a second message).`);
  return 0;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        user: { type: 'string' },
        template: { type: 'string' },
        data: { type: 'string', multiple: true },
        page: { type: 'string' },
        key: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.?$/, '.')}`, { cause: error });
  }
}

/**
 * A UUID is our user id. In development a name the emulator knows (u_alice) is its user, sent
 * by that user's openid; anything else is an openid.
 */
async function resolveUser(user: string, env: NodeJS.ProcessEnv, io: NotifyIo): Promise<{ id: string } | { openId: string }> {
  if (UUID.test(user)) return { id: user };
  if (env.NODE_ENV === 'production') return { openId: user };
  const emulatorUrl = `http://127.0.0.1:${env.DOUYIN_EMULATOR_PORT || 8787}`;
  const emulator = new EmulatorAdmin(emulatorUrl, { fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(2_000) }) });
  const users = await emulator.users().catch(() => []);
  const match = users.find((candidate) => candidate.id === user);
  if (!match) return { openId: user };
  io.out(`${user} is the emulator's user ${match.nickname} (app ${match.appid}): sending to openid ${match.openid}.`);
  return { openId: match.openid };
}

async function reach(apiUrl: string, call: () => Promise<Response>): Promise<Response> {
  try {
    return await call();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).name;
    if (reason === 'TimeoutError') throw new Error(`the API at ${apiUrl} did not answer within ${TIMEOUT_MS / 1000} s.`, { cause: error });
    throw new Error(`cannot reach the API at ${apiUrl} (${reason}): is \`pnpm dev\` running? Set API_URL for another address.`, { cause: error });
  }
}

async function readJson(response: Response, apiUrl: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${apiUrl} answered ${response.status} with something other than JSON: is API_URL the douyin-kit API?`, { cause: error });
  }
}

function refusal(status: number, answer: unknown): string {
  const error = (answer as { error?: { code?: string; message?: string; requestId?: string; details?: unknown } }).error;
  if (!error) return `${status}.`;
  const details = error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`;
  return `${status} ${error.code}: ${error.message}${details} (request ${error.requestId}).`;
}
