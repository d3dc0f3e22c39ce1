import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OffsetClock } from '../../clock.js';
import { RECORDED_CALLS_LIMIT } from '../../calls/call-recorder.js';
import { OPERATIONS } from '../../faults/fault-rules.js';
import type { RouteDeps } from '../route-config.js';
import { ADMIN_PREFIX, parseInput } from './admin-input.js';

const ZInboxQuery = z.object({ appid: z.string().min(1).optional(), openid: z.string().min(1).optional() });
const ZFault = z.object({
  operation: z.enum(OPERATIONS),
  errNo: z.number().int().optional(),
  probability: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  drop: z.boolean().optional(),
  httpStatus: z.number().int().min(400).max(599).optional(),
  body: z.string().max(65_536).optional(),
  contentType: z.string().min(1).max(256).optional(),
  times: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  match: z.record(z.string(), z.string()).optional(),
});
const ZAdvance = z.object({ seconds: z.number().min(0) });
const ZRecentCalls = z.object({
  operation: z.enum(OPERATIONS).optional(),
  limit: z.coerce.number().int().min(1).max(RECORDED_CALLS_LIMIT).optional(),
});

/** Inspection and control: inbox, call counters, recorded calls, issued secrets, faults, clock, reset. */
export function registerControlRoutes(app: FastifyInstance, { ctx, services, reset }: RouteDeps): void {
  const clockView = () => {
    const now = ctx.clock.now();
    // The clock's own offset: `now - Date.now()` reads the wall clock a second time and could be
    // a millisecond short of what was advanced.
    const offsetMs = ctx.clock instanceof OffsetClock ? ctx.clock.offset : now - Date.now();
    return { now, iso: new Date(now).toISOString(), offsetMs };
  };

  app.get(`${ADMIN_PREFIX}/health`, async () => ({ ok: true, operations: OPERATIONS }));

  app.get(`${ADMIN_PREFIX}/inbox`, async (request) => {
    const filter = parseInput(ZInboxQuery, request.query);
    return ctx.store.listInbox(filter).map((m) => ({ ...m, time: new Date(m.deliveredAt).toISOString() }));
  });

  app.get(`${ADMIN_PREFIX}/calls`, async () => {
    const zeros = Object.fromEntries(OPERATIONS.map((op) => [op, 0]));
    return { ...zeros, ...ctx.store.calls() };
  });

  // The last platform calls as received (method, path, content type, headers), oldest first.
  app.get(`${ADMIN_PREFIX}/calls/recent`, async (request) => services.calls.list(parseInput(ZRecentCalls, request.query)));

  app.get(`${ADMIN_PREFIX}/issued-secrets`, async () => ctx.issued.list());

  app.post(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const rule = services.faults.add(parseInput(ZFault, request.body));
    return reply.code(201).send(rule);
  });
  app.get(`${ADMIN_PREFIX}/faults`, async () => services.faults.list());
  app.delete(`${ADMIN_PREFIX}/faults`, async () => {
    const removed = services.faults.list().length;
    services.faults.clear();
    return { removed };
  });
  app.delete<{ Params: { id: string } }>(`${ADMIN_PREFIX}/faults/:id`, async (request, reply) => {
    if (!services.faults.remove(request.params.id)) {
      return reply.code(404).send({ error: `no fault rule ${request.params.id}` });
    }
    return { removed: 1 };
  });

  app.get(`${ADMIN_PREFIX}/clock`, async () => clockView());
  app.post(`${ADMIN_PREFIX}/clock/advance`, async (request) => {
    const { seconds } = parseInput(ZAdvance, request.body);
    ctx.clock.advance(seconds * 1000);
    return clockView();
  });

  app.post(`${ADMIN_PREFIX}/reset`, async () => {
    reset();
    return { ok: true };
  });
}
