import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DouyinModule, DouyinWebhook, WebhookEvent, type WebhookEnvelope } from '../src/index.js';

const SECRET = 'webhook-key';
const received: WebhookEnvelope[] = [];

@Controller()
class HooksController {
  @Post('/webhooks/douyin')
  @HttpCode(200)
  @DouyinWebhook()
  receive(@WebhookEvent() event: WebhookEnvelope | undefined): { ok: true } {
    if (event) received.push(event);
    return { ok: true };
  }
}

@Module({
  imports: [DouyinModule.forRoot({ client: { appId: 'tt_hooks', appSecret: 'app-secret' }, webhookSecret: SECRET })],
  controllers: [HooksController],
})
class HooksApp {}

let app: NestFastifyApplication;
let url: string;
beforeAll(async () => {
  // rawBody: Nest keeps the body's bytes on request.rawBody, which the guard checks.
  app = await NestFactory.create<NestFastifyApplication>(HooksApp, new FastifyAdapter(), { rawBody: true, logger: false });
  await app.listen(0, '127.0.0.1');
  url = `${await app.getUrl()}/webhooks/douyin`.replace('[::1]', '127.0.0.1');
});
afterAll(() => app.close());

const sign = (key: string, body: string) => createHash('sha1').update(key).update(body).digest('hex');
const post = (body: string, signature?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-douyin-signature': signature } : {}) }, body });

describe('@DouyinWebhook() on a Fastify app', () => {
  const event = JSON.stringify({ event: 'user_subscribe_action', client_key: 'tt_hooks', content: '{"msg_id":"M1","subscribe_action":1}' });

  it('refuses an unsigned push, a wrong key and a signature over other bytes with 401, before the handler', async () => {
    const before = received.length;
    const answers = await Promise.all([post(event), post(event, sign('app-secret', event)), post(event.replace(':', ': '), sign(SECRET, event))]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(received.length).toBe(before);
  });

  it('hands a signed push to the handler, parsed', async () => {
    const answer = await post(event, sign(SECRET, event));
    expect([answer.status, await answer.json()]).toEqual([200, { ok: true }]);
    expect(received.at(-1)).toMatchObject({ event: 'user_subscribe_action', clientKey: 'tt_hooks', content: { msg_id: 'M1' } });
  });

  it('answers a signed verify_webhook with its challenge, without calling the handler', async () => {
    const before = received.length;
    const verify = JSON.stringify({ event: 'verify_webhook', client_key: 'tt_hooks', content: { challenge: 12345 } });
    const answer = await post(verify, sign(SECRET, verify));
    expect([answer.status, await answer.json()]).toEqual([200, { challenge: 12345 }]);
    const noChallenge = JSON.stringify({ event: 'verify_webhook', content: {} });
    expect((await post(noChallenge, sign(SECRET, noChallenge))).status).toBe(400);
    // An unsigned challenge is not echoed.
    expect((await post(verify)).status).toBe(401);
    expect(received.length).toBe(before);
  });
});
