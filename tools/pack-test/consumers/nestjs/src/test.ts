import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { receivedEvents, startApp } from './app.js';

// The Nest app on the packed @douyin-kit/nestjs, in this process; the emulator from its packed
// CLI, in a child process. Everything over HTTP. Exits non-zero on the first failed check.

const checks: string[] = [];
function check(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) throw new Error(`FAILED: ${what}${detail === undefined ? '' : ` (${JSON.stringify(detail)})`}`);
  checks.push(what);
  console.log(`ok - ${what}`);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts `douyin-emulator --port <port>` and resolves once it says it listens. */
async function startEmulatorCli(port: number): Promise<ChildProcess> {
  const child = spawn('node_modules/.bin/douyin-emulator', ['--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start within 20 s: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return child;
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const emulatorPort = await freePort();
  const emulator = await startEmulatorCli(emulatorPort);
  const douyinBaseUrl = `http://127.0.0.1:${emulatorPort}`;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    const admin = new EmulatorAdmin(douyinBaseUrl);
    const { appid, secret } = await admin.createApp({ appid: 'tt_pack_nestjs', secret: 'pack-test-secret' });
    const user = await admin.createUser({ appid, nickname: '测试', loggedIn: true });

    const appPort = await freePort();
    app = await startApp({ appId: appid, appSecret: secret, douyinBaseUrl }, appPort);
    const base = `http://127.0.0.1:${appPort}`;
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    // Login: a device user's tt.login code → POST /login → code2session through the module's client.
    const { code } = await admin.login({ appid, userId: user.id });
    const login = await post('/login', JSON.stringify({ code }));
    const session = (await login.json()) as { openId?: string };
    check(login.status === 200 && session.openId === user.openid, 'login: code2session through DouyinModule answers the user’s openid', session);
    const replay = await post('/login', JSON.stringify({ code }));
    check(replay.status === 400, 'login: a used code is refused', replay.status);

    // Webhook signature: a wrong or missing signature is refused before the handler.
    const event = JSON.stringify({ event: 'user_subscribe_action', client_key: appid, content: '{"msg_id":"M1","subscribe_action":1}' });
    const forged = await post('/webhooks/douyin', event, { 'x-douyin-signature': createHash('sha1').update(`wrong${event}`).digest('hex') });
    const unsigned = await post('/webhooks/douyin', event);
    check(
      forged.status === 401 && unsigned.status === 401 && receivedEvents.length === 0,
      'webhook: bad and missing signatures answer 401, nothing handled',
      [forged.status, unsigned.status],
    );
    const signed = await post('/webhooks/douyin', event, { 'x-douyin-signature': createHash('sha1').update(secret).update(event).digest('hex') });
    check(
      signed.status === 200 && receivedEvents.at(-1)?.event === 'user_subscribe_action',
      'webhook: a correctly signed push is handled',
      signed.status,
    );

    // The emulator saves the webhook URL only when the app echoes its signed challenge.
    const saved = await admin.setWebhook(appid, `${base}/webhooks/douyin`);
    check(
      saved.verification?.verified === true && saved.webhookUrl !== null,
      'webhook: the emulator’s signed verify_webhook challenge is answered',
      saved.verification,
    );

    // A push the emulator signs itself reaches the handler.
    const delivery = await admin.pushWebhook({
      appid,
      event: 'send_push_failed_event',
      fromUserId: user.openid,
      content: { msg_id: 'M2', reason: 24 },
    });
    const delivered = await until('the push to be delivered', async () => {
      const found = (await admin.webhookDeliveries({ appid })).find((d) => d.id === delivery.id);
      return found?.status === 'pending' ? undefined : found;
    });
    check(
      delivered.status === 'delivered' && receivedEvents.some((e) => e.event === 'send_push_failed_event' && e.content.msg_id === 'M2'),
      'webhook: a push signed by the emulator is delivered and handled',
      delivered.status,
    );
  } finally {
    await app?.close();
    emulator.kill('SIGTERM');
    await once(emulator, 'exit');
  }
  console.log(`all ${checks.length} checks passed`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
