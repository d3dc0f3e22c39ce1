import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AdminError } from '../../context.js';
import type { RouteDeps } from '../route-config.js';
import { ADMIN_PREFIX, parseInput } from './admin-input.js';

const ZSetWebhook = z.object({
  url: z.url({ protocol: /^https?$/ }).nullable(),
  /** Check the URL first with a verify_webhook challenge, as the console does (default true). */
  verify: z.boolean().optional(),
  /** A separate key to sign pushes with (null: back to the app secret; absent: unchanged). */
  secret: z.string().min(1).max(128).nullable().optional(),
});
const ZPush = z.object({
  appid: z.string().min(1),
  event: z.string().min(1).max(64),
  fromUserId: z.string().min(1).nullable().optional(),
  content: z.record(z.string(), z.unknown()),
});
const ZAppidQuery = z.object({ appid: z.string().min(1).optional() });

/** The console's webhook settings, on-demand pushes and the delivery log. */
export function registerWebhookRoutes(app: FastifyInstance, { ctx, services }: RouteDeps): void {
  const { webhooks } = services;
  const requireApp = (appid: string) => {
    const found = ctx.store.getApp(appid);
    if (!found) throw new AdminError(404, `unknown appid ${appid}`);
    return found;
  };

  // Saving a URL verifies it first (the console refuses one that does not echo the challenge).
  app.post<{ Params: { appid: string } }>(`${ADMIN_PREFIX}/apps/:appid/webhook`, async (request, reply) => {
    const input = parseInput(ZSetWebhook, request.body);
    const { webhookSecret: previous, ...rest } = requireApp(request.params.appid);
    const secret = input.secret === undefined ? previous : (input.secret ?? undefined);
    // The challenge is signed with the key the pushes will use.
    const record = { ...rest, webhookUrl: input.url, ...(secret ? { webhookSecret: secret } : {}) };
    const verification = input.url && input.verify !== false ? await webhooks.verify(record, input.url) : null;
    if (verification && !verification.verified) {
      return reply.code(422).send({ error: `webhook URL not verified: ${verification.error ?? 'no echo'}`, verification });
    }
    ctx.store.putApp(record);
    return { appid: record.appid, webhookUrl: input.url, verification };
  });

  app.post<{ Params: { appid: string } }>(`${ADMIN_PREFIX}/apps/:appid/webhook/verify`, async (request) => {
    const record = requireApp(request.params.appid);
    if (!record.webhookUrl) throw new AdminError(400, `app ${record.appid} has no webhook URL`);
    return webhooks.verify(record, record.webhookUrl);
  });

  app.post(`${ADMIN_PREFIX}/webhooks`, async (request, reply) => {
    const input = parseInput(ZPush, request.body);
    requireApp(input.appid);
    const delivery = webhooks.push(input.appid, input.event, input.fromUserId ?? null, input.content);
    if (!delivery) throw new AdminError(400, `app ${input.appid} has no webhook URL`);
    return reply.code(202).send(delivery);
  });

  app.get(`${ADMIN_PREFIX}/webhooks`, async (request) => webhooks.list(parseInput(ZAppidQuery, request.query)));

  app.post<{ Params: { id: string } }>(`${ADMIN_PREFIX}/webhooks/:id/redeliver`, async (request, reply) =>
    reply.code(202).send(webhooks.redeliver(request.params.id)),
  );
}
