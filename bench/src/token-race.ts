import type { Databases } from './databases.js';
import { query } from './databases.js';
import { inBatches, type Emulator } from './emulator.js';
import { startApi, type Server } from './servers.js';

export interface TokenRaceSettings {
  processes: number;
  requestsPerProcess: number;
  /** Latency the emulator adds to each token fetch, as a real upstream has: keeps the race window open. */
  tokenLatencyMs: number;
}

export interface TokenRaceReport {
  settings: TokenRaceSettings;
  /** Upstream fetches of this app's tokens during the burst, per credential. */
  fetches: { client_token: number; app_access_token: number };
  /** HTTP status (with the error code when not 2xx) → responses. */
  statuses: Record<string, number>;
  durationMs: number;
}

/** Users per API process: spreads the phone writes so they do not queue on one user's row. */
const USERS_PER_PROCESS = 20;

/**
 * N API processes on one fresh database (empty `douyin_tokens`) and one fresh emulator
 * app, hit at once by M requests each of POST /me/phone with a new-flow phone code: the route
 * that needs the client_token inside the request (get_phonenumber_info). Every process finds no
 * token; the upstream must still be asked once.
 */
export async function runTokenRace(
  ctx: { emulator: Emulator; databases: Databases; log: (line: string) => void },
  settings: TokenRaceSettings,
): Promise<TokenRaceReport> {
  const { emulator, log } = ctx;
  const app = await emulator.createApp();
  const databaseUrl = await ctx.databases.createApiDatabase('race');
  // Counted from before the processes start, so a fetch at boot would count too.
  const clientTokens = await emulator.callCounter('client_token', { client_key: app.appid }, settings.tokenLatencyMs);
  const appTokens = await emulator.callCounter('token', { appid: app.appid }, settings.tokenLatencyMs);
  const servers = await Promise.all(Array.from({ length: settings.processes }, () => startApi({ databaseUrl, emulatorUrl: emulator.url, app })));
  try {
    const coldRows = await query<{ n: string }>(databaseUrl, 'SELECT count(*) AS n FROM douyin_tokens');
    if (coldRows[0]?.n !== '0') throw new Error('token store is not cold');

    const callers = (await Promise.all(servers.map((server) => signUpCallers(emulator, app.appid, server, settings.requestsPerProcess)))).flat();
    log(`  ${callers.length} requests at once on ${settings.processes} cold API processes`);
    const started = performance.now();
    const statuses = await Promise.all(
      callers.map(async ({ server, token, phoneCode }) => {
        const response = await fetch(`${server.url}/me/phone`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ code: phoneCode }),
        });
        if (response.ok) {
          await response.arrayBuffer();
          return String(response.status);
        }
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        return `${response.status} ${body?.error?.code ?? '?'}`;
      }),
    );
    const durationMs = performance.now() - started;
    const tally: Record<string, number> = {};
    for (const status of statuses) tally[status] = (tally[status] ?? 0) + 1;
    return {
      settings,
      fetches: { client_token: await clientTokens.count(), app_access_token: await appTokens.count() },
      statuses: tally,
      durationMs,
    };
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()));
    await clientTokens.remove();
    await appTokens.remove();
  }
}

/** `count` logged-in callers of one API process, each holding a fresh phone code. */
async function signUpCallers(emulator: Emulator, appid: string, server: Server, count: number) {
  const userIds = await emulator.createUsers(appid, USERS_PER_PROCESS, (i) => ({
    phone: { countryCode: '86', purePhoneNumber: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
    nickname: `Race ${i}`,
  }));
  const codes = await emulator.mintLoginCodes(appid, userIds, userIds.length);
  const tokens = await inBatches(userIds.length, 8, async (i) => {
    const response = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(codes[i]),
    });
    const body = (await response.json()) as { token?: string };
    if (!body.token) throw new Error(`race login failed: HTTP ${response.status}`);
    return body.token;
  });
  return inBatches(count, 16, async (i) => ({
    server,
    token: tokens[i % tokens.length]!,
    phoneCode: await emulator.mintPhoneCode(appid, userIds[i % userIds.length]!),
  }));
}
