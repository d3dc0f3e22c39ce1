import { connect } from 'node:net';
import { ZErrorEnvelope, ZLoginResponse } from '@douyin-kit/contracts';
import { sql } from '../../../test/api-user.js';
import { startApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { admin } from '../../../test/notify-fixtures.js';
import { faultFired, grantConsent, ownEmulatorApp, until, type OwnTemplate } from '../../../test/own-app.js';
import { rawRequest } from '../../../test/raw-http.js';
import { HttpDrain } from './http-drain.js';

/** The shutdown's edges, in process (`app.close()` is what SIGTERM runs); the whole process is in graceful-shutdown.e2e-spec.ts. */

const elapsedSince = (start: number) => Date.now() - start;

describe('shutdown of the HTTP server', () => {
  it('answers a request that completes on an already open connection after shutdown began with 503 NOT_READY, and closes it', async () => {
    const running = await startApp();
    const { port } = new URL(running.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    // A slow client: the request has begun (so the connection is not idle) but is not complete.
    await new Promise((resolve) => socket.write('POST /auth/login HTTP/1.1\r\nHost: api\r\n', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const closing = running.close();
    await until(async () => running.app.get(HttpDrain).draining, Boolean, 2000, 'the drain to begin');
    socket.write('content-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
    await socketClosed;
    await closing;

    const [head, body] = received.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 /);
    expect(head).toMatch(/^connection: close$/im);
    expect(head).toMatch(/^retry-after: 1$/im);
    expect(ZErrorEnvelope.parse(JSON.parse(body!)).error.code).toBe('NOT_READY');
  });

  it('does not let a hung request hold the shutdown past SHUTDOWN_TIMEOUT_SECONDS: its connection is cut', async () => {
    const running = await startApp({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const douyinUser = await emulator.createUser();
    const { code } = await emulator.login(douyinUser.id);
    const hang = await emulator.client.addFault({ operation: 'jscode2session', match: { code: code! }, latencyMs: 5000 });
    try {
      const answer = rawRequest(running.baseUrl, 'POST', '/auth/login', { code });
      await until(
        () => faultFired(hang.id),
        (fired) => fired > 0,
        5000,
        'the login to reach Douyin',
      );

      const start = Date.now();
      await running.close();
      expect(elapsedSince(start)).toBeLessThan(2500);
      expect(await answer).toMatchObject({ error: expect.stringMatching(/ECONNRESET|socket hang up/) });
    } finally {
      await emulator.client.removeFault(hang.id).catch(() => undefined);
    }
  });
});

describe('shutdown of the notification workers', () => {
  it('does not let a hung send hold the shutdown past SHUTDOWN_TIMEOUT_SECONDS: its job goes back to the queue', async () => {
    const own = await ownEmulatorApp({ news: { kind: 'long_term', api: 'v1' } });
    const news = own.templates.news as OwnTemplate;
    const running = await startApp({ ...own.env, NOTIFY_WORKERS_IN_PROCESS: 'true', SHUTDOWN_TIMEOUT_SECONDS: '1' });
    try {
      const douyinUser = await own.newUser();
      const login = await fetch(`${running.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: (await douyinUser.tt.login()).code }),
      });
      const { user } = ZLoginResponse.parse(await login.json());
      await douyinUser.tt.requestSubscribeMessage({ tmplIds: [news.templateId] });
      await grantConsent(user.id, news);
      const hang = await own.fault({ operation: 'notify_v1', appIdField: 'app_id', latencyMs: 5000 });
      const queued = await admin(running, 'POST', '/admin/notifications', {
        user: { id: user.id },
        templateId: news.templateId,
        data: { 物品名称: 'x' },
        idempotencyKey: `hung-${own.appid}`,
      });
      expect(queued.status).toBe(201);
      await until(
        () => faultFired(hang),
        (fired) => fired > 0,
        10_000,
        'the send to reach Douyin',
      );

      const start = Date.now();
      await running.close();
      expect(elapsedSince(start)).toBeLessThan(3000);
      // Failed back by the stopping worker: another instance retries it (and, finding the row
      // still `sending`, settles it as outcome unknown rather than sending it twice).
      const [job] = await sql<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1::uuid', [queued.body.id]);
      expect(job?.state).toBe('retry');
    } finally {
      await own.removeFaults();
    }
  });
});
