import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorAdmin, EmulatorAdminError } from '../src/admin/index.js';
import { APPID, SECRET, clientToken, sha1Hex, startHarness, type Harness } from './harness.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A developer's server: records every POST and answers what `answer` says (null: never answers). */
class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received) => { status: number; body?: string } | null = () => ({ status: 200, body: '{}' });
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(request);
        const answer = this.answer(request);
        if (answer) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/douyin`;
  }

  /** Echoes a verify_webhook challenge, answers 200 to everything else. */
  echo(): void {
    this.answer = ({ body }) => {
      const parsed = JSON.parse(body) as { event: string; content: { challenge?: number } };
      return { status: 200, body: parsed.event === 'verify_webhook' ? JSON.stringify({ challenge: parsed.content.challenge }) : '{}' };
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

let h: Harness;
let admin: EmulatorAdmin;
let receiver: Receiver;
beforeAll(async () => {
  h = await startHarness({ webhookTimeoutMs: 300, webhookRetryDelaysMs: [20, 20, 20] });
  admin = new EmulatorAdmin(h.emulator.url);
  receiver = new Receiver();
  await receiver.start();
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});
beforeEach(async () => {
  await admin.reset();
  receiver.received.length = 0;
  receiver.echo();
});

const openidOf = async (userId: string) => (await admin.users(APPID)).find((u) => u.id === userId)!.openid;
const settled = () =>
  until(
    () => admin.webhookDeliveries({ appid: APPID }),
    (list) => list.every((d) => d.status !== 'pending'),
  );

describe('webhook URL (console side)', () => {
  it('has none by default, so nothing is pushed', async () => {
    expect((await admin.app(APPID))?.webhookUrl).toBeNull();
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE'] });
    expect(await admin.webhookDeliveries()).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('is saved after a signed verify_webhook challenge is echoed, and refused when it is not', async () => {
    const saved = await admin.setWebhook(APPID, receiver.url);
    expect(saved).toMatchObject({ webhookUrl: receiver.url, verification: { verified: true, statusCode: 200 } });
    const [challenge] = receiver.received;
    const body = JSON.parse(challenge!.body) as { event: string; client_key: string; content: { challenge: number } };
    expect(body).toEqual({ event: 'verify_webhook', client_key: APPID, content: { challenge: saved.verification!.challenge } });
    expect(challenge!.headers['x-douyin-signature']).toBe(sha1Hex(SECRET + challenge!.body));
    expect(challenge!.headers['msg-id']).toMatch(/^[0-9a-f]{32}$/);

    await admin.setWebhook(APPID, null);
    receiver.answer = () => ({ status: 200, body: '{"challenge":1}' });
    const refused = await admin.setWebhook(APPID, receiver.url).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorAdminError);
    expect((refused as EmulatorAdminError).status).toBe(422);
    expect((await admin.app(APPID))?.webhookUrl).toBeNull();
    // Unchecked save (the server is not up yet), then the challenge on demand.
    await admin.setWebhook(APPID, receiver.url, { verify: false });
    receiver.echo();
    expect(await admin.verifyWebhook(APPID)).toMatchObject({ verified: true });
  });
  it("signs with the console's separate webhook key when one is set, and with the app secret again after null", async () => {
    receiver.echo();
    receiver.received.length = 0;
    const key = 'whk-separate-webhook-key';
    await admin.setWebhook(APPID, receiver.url, { secret: key });
    expect((await admin.app(APPID))?.webhookSecret).toBe(key);
    await admin.pushWebhook({ appid: APPID, event: 'some_event', content: { n: 1 } });
    await until(
      async () => receiver.received.length,
      (n) => n >= 2,
    );
    // The challenge and the push, both signed with the webhook key, not the app secret.
    for (const request of receiver.received.slice(0, 2)) expect(request.headers['x-douyin-signature']).toBe(sha1Hex(key + request.body));

    await admin.setWebhook(APPID, receiver.url, { secret: null });
    expect((await admin.app(APPID))?.webhookSecret).toBeUndefined();
    const last = receiver.received.at(-1)!;
    expect(last.headers['x-douyin-signature']).toBe(sha1Hex(SECRET + last.body));
  });
});

describe('events', () => {
  beforeEach(() => admin.setWebhook(APPID, receiver.url));

  it('pushes user_subscribe_action per decided template: 1/4 one-time, 2/3 long-term, content as a JSON string, signed', async () => {
    receiver.received.length = 0;
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE', 'T_ONCE_2'], decisions: { T_ONCE_2: 'reject' } });
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_LONG'] });
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_LONG'], decisions: { T_LONG: 'reject' } });
    await admin.subscribe({ appid: APPID, userId: 'bob', tmplIds: ['T_ONCE'], decisions: { T_ONCE: 'fail' } });
    const deliveries = await settled();
    const pushes = deliveries.filter((d) => d.event === 'user_subscribe_action');
    expect(pushes.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const openid = await openidOf('alice');
    const bodies = receiver.received.filter((r) => r.body.includes('user_subscribe_action'));
    expect(bodies).toHaveLength(4);
    for (const request of bodies) {
      expect(request.headers['x-douyin-signature']).toBe(sha1Hex(SECRET + request.body));
      const body = JSON.parse(request.body) as { event: string; client_key: string; from_user_id: string; content: string; log_id: string };
      expect(body).toMatchObject({ event: 'user_subscribe_action', client_key: APPID, from_user_id: openid, log_id: expect.any(String) });
      expect(typeof body.content).toBe('string');
    }
    // In the order the decisions were made (the deliveries' order; arrival order may differ).
    expect(pushes.map((d) => d.body).sort()).toEqual(bodies.map((r) => r.body).sort());
    const contents = pushes.map((d) => JSON.parse((JSON.parse(d.body) as { content: string }).content) as Record<string, unknown>);
    expect(contents.map((c) => [c.msg_id, c.subscribe_action])).toEqual([
      ['T_ONCE', 1],
      ['T_ONCE_2', 4],
      ['T_LONG', 2],
      ['T_LONG', 3],
    ]);
    expect(contents.every((c) => Number.isInteger(c.time))).toBe(true);
    expect(new Set(bodies.map((r) => r.headers['msg-id'])).size).toBe(4);
  });

  it('pushes send_push_failed_event when a send is refused for the user (frequency cap: reason 2)', async () => {
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE'] });
    await admin.subscribe({ appid: APPID, userId: 'alice', tmplIds: ['T_ONCE'] });
    const token = await clientToken(h);
    const openid = await openidOf('alice');
    const send = () =>
      h.post('/api/notification/v2/subscription/notify_user/', { msg_id: 'T_ONCE', open_id: openid, data: { a: 'b' } }, { 'access-token': token });
    expect((await send()).err_no).toBe(0);
    expect((await send()).err_no).not.toBe(0);
    const deliveries = await settled();
    const failure = deliveries.find((d) => d.event === 'send_push_failed_event');
    expect(failure).toBeDefined();
    const body = JSON.parse(failure!.body) as { from_user_id: string; content: string };
    expect(body.from_user_id).toBe(openid);
    expect(JSON.parse(body.content)).toMatchObject({ msg_id: 'T_ONCE', reason: 2 });
  });
});

describe('retries and the delivery log', () => {
  beforeEach(() => admin.setWebhook(APPID, receiver.url));

  it('retries a non-2xx answer until one succeeds, with the same Msg-Id, body and signature', async () => {
    let calls = 0;
    receiver.answer = () => ({ status: ++calls <= 2 ? 500 : 200 });
    const pushed = await admin.pushWebhook({ appid: APPID, event: 'custom_event', fromUserId: 'someone', content: { a: 1 } });
    const [delivery] = (await settled()).filter((d) => d.id === pushed.id);
    expect(delivery!.status).toBe('delivered');
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    const copies = receiver.received.slice(-3);
    expect(new Set(copies.map((r) => JSON.stringify([r.headers['msg-id'], r.headers['x-douyin-signature'], r.body]))).size).toBe(1);
  });

  it('gives up after 3 retries, counting a silent server (no answer within the timeout) as a failure', async () => {
    receiver.answer = () => null;
    const pushed = await admin.pushWebhook({ appid: APPID, event: 'custom_event', content: {} });
    const delivery = (
      await until(
        () => admin.webhookDeliveries(),
        (list) => list.find((d) => d.id === pushed.id)?.status === 'failed',
      )
    ).find((d) => d.id === pushed.id)!;
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    expect(delivery.attempts.every((a) => a.statusCode === null && a.error === 'no answer in 300 ms')).toBe(true);
  });

  it('redelivers a delivery on demand, unchanged (what a platform retry looks like)', async () => {
    const pushed = await admin.pushWebhook({ appid: APPID, event: 'custom_event', content: { x: 'y' } });
    await settled();
    await admin.redeliverWebhook(pushed.id);
    const [delivery] = (await settled()).filter((d) => d.id === pushed.id);
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([200, 200]);
    const [first, second] = receiver.received.slice(-2);
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['msg-id']).toBe(first!.headers['msg-id']);
  });
});
