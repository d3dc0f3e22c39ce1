import type { RouteContract } from '@douyin-kit/contracts';
import Fastify from 'fastify';
import { z } from 'zod/mini';
import { AppError } from '../errors/app-error.js';
import { registerContractPipeline, type BoundRoute, type RouteGate } from './route-pipeline.js';

const contract = {
  method: 'POST',
  path: '/things',
  auth: 'user',
  summary: 'a thing',
  body: z.object({ name: z.string() }),
  response: z.object({ id: z.string() }),
  status: 200,
  errors: [],
} as const satisfies RouteContract;

/** A gate that lets a request through only with `x-pass: yes`, and records what it saw. */
function recordingGate(seen: string[]): RouteGate {
  return {
    forRoute: () => (request) => {
      seen.push(`gate:${JSON.stringify(request.body)}`);
      if (request.headers['x-pass'] !== 'yes') throw new AppError('UNAUTHENTICATED', 'no');
    },
  };
}

describe('registerContractPipeline', () => {
  it('runs the gates, then validation, then the handler, and drops fields outside the response', async () => {
    const seen: string[] = [];
    const fastify = Fastify();
    const route: BoundRoute = { method: 'POST', path: '/things', contract, target: {} };
    registerContractPipeline(fastify, [route], [recordingGate(seen)]);
    fastify.post('/things', async (request) => {
      seen.push(`handler:${JSON.stringify(request.body)}`);
      return { id: 't1', secret: 'never leaves' };
    });
    const post = (headers: Record<string, string>, body: unknown) =>
      fastify.inject({ method: 'POST', url: '/things', headers, payload: body as object });

    const refused = await post({}, { name: 'x' });
    expect(refused.statusCode).toBe(401);
    const invalid = await post({ 'x-pass': 'yes' }, { name: 42 });
    expect(invalid.statusCode).toBe(400);
    const ok = await post({ 'x-pass': 'yes' }, { name: 'x', extra: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: 't1' });
    // The gate saw the raw body before validation; the handler only the parsed one.
    expect(seen).toEqual(['gate:{"name":"x"}', 'gate:{"name":42}', 'gate:{"name":"x","extra":true}', 'handler:{"name":"x"}']);
    await fastify.close();
  });

  it('refuses to start when a controller route was registered without its pipeline', async () => {
    const fastify = Fastify();
    registerContractPipeline(fastify, [{ method: 'POST', path: '/things', contract, target: {} }], []);
    fastify.post('/thing', async () => ({ id: 't1' }));
    await expect(fastify.ready()).rejects.toThrow('Routes registered without their pipeline: POST /things');
  });
});
