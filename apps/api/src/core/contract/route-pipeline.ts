import type { RouteContract } from '@douyin-kit/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { findUnstorableText } from './storable-text.js';

/** A check run before a route's handler (a rate limit, auth); it throws an AppError to refuse. */
export type RouteCheck = (request: FastifyRequest) => void | Promise<void>;

/**
 * What a feature puts in front of routes. Asked once per route at start-up, from the route's
 * contract (undefined for a handler bound without `@Route`) and its controller method (for the
 * method's own metadata); the check it returns then runs on every request of that route.
 */
export interface RouteGate {
  forRoute(contract: RouteContract | undefined, handler: object): RouteCheck | null;
}

/** The gates every route passes, in order (the auth feature provides them: rate limits, then auth). */
export const ROUTE_GATES = Symbol('ROUTE_GATES');

/** A controller method as Nest's router binds it (what openapi/route-discovery.ts finds). */
export interface BoundRoute {
  method: string;
  path: string;
  contract: RouteContract | undefined;
  /** The controller method. */
  target: object;
}

type Part = 'body' | 'query' | 'params';
const PARTS = ['params', 'query', 'body'] as const;

/**
 * The one pipeline of every controller route, on Fastify's own hooks rather than Nest's guards
 * and interceptors (whose per-request execution contexts and rxjs chain cost more than the work
 * itself). Built once per route when Nest registers it, from its contract:
 * - preHandler: the gates (rate limits, then auth), then the request parts the contract names
 *   are validated and replaced with the parsed, typed values;
 * - preSerialization: a success body is passed through the response schema, which drops any
 *   field the contract does not list: a row with a secret column cannot leak by accident.
 * Anything thrown goes to Fastify's error handler, which Nest points at the one error filter.
 * Routes Nest did not register (CORS preflights) are left alone, as Nest's guards left them.
 * Call before `app.init()`: Nest registers its routes then.
 */
export function registerContractPipeline(fastify: FastifyInstance, routes: readonly BoundRoute[], gates: readonly RouteGate[]): void {
  const bound = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  // A controller route registered under another method or path than the one found for it would
  // run without its checks: the app refuses to start instead (onReady below).
  const unseen = new Set(routes);
  fastify.addHook('onRoute', (options) => {
    const method = [options.method].flat()[0];
    // Fastify adds a HEAD route for every GET one: the same handler, the same pipeline.
    const route = bound.get(`${method === 'HEAD' ? 'GET' : method} ${options.url}`);
    if (!route) return;
    unseen.delete(route);
    const checks = gates.map((gate) => gate.forRoute(route.contract, route.target)).filter((check) => check !== null);
    const validate = route.contract ? requestValidator(route.contract) : null;
    const preHandler = beforeHandler(checks, validate);
    if (preHandler) options.preHandler = [...[options.preHandler ?? []].flat(), preHandler] as RouteOptions['preHandler'];
    const response = route.contract?.response;
    if (response)
      options.preSerialization = [...[options.preSerialization ?? []].flat(), responseFilter(response)] as RouteOptions['preSerialization'];
  });
  fastify.addHook('onReady', (done) => {
    const missed = [...unseen].map((route) => `${route.method} ${route.path}`);
    done(missed.length ? new Error(`Routes registered without their pipeline: ${missed.join(', ')}`) : undefined);
  });
}

function beforeHandler(checks: RouteCheck[], validate: ((request: FastifyRequest) => void) | null) {
  if (checks.length === 0) {
    if (!validate) return null;
    return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
      try {
        validate(request);
      } catch (error) {
        return done(error as Error);
      }
      done();
    };
  }
  return async (request: FastifyRequest) => {
    for (const check of checks) await check(request);
    validate?.(request);
  };
}

function requestValidator(contract: RouteContract): ((request: FastifyRequest) => void) | null {
  const parts = PARTS.flatMap((part) => (contract[part] ? [[part, contract[part]] as const] : []));
  if (parts.length === 0) return null;
  return (request) => {
    const target = request as unknown as Record<Part, unknown>;
    for (const [part, schema] of parts) target[part] = parsePart(part, schema, target[part]);
  };
}

function parsePart(part: Part, schema: z.core.$ZodType, value: unknown): unknown {
  const result = z.safeParse(schema, value ?? (part === 'body' ? undefined : {}));
  if (result.success) {
    const unstorable = findUnstorableText(result.data);
    if (!unstorable) return result.data;
    const issue = { path: [part, ...unstorable].join('.'), message: 'must not contain U+0000 or unpaired surrogates' };
    throw new AppError('VALIDATION_FAILED', `Invalid request ${part}`, { issues: [issue] });
  }
  const issues = result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new AppError('VALIDATION_FAILED', `Invalid request ${part}`, { issues });
}

/**
 * The handler's result through the response schema. Error envelopes (4xx/5xx, written by the
 * error filter) pass as they are. A result outside its contract is a server bug: it becomes the
 * filter's 500, never a partial answer.
 */
function responseFilter(schema: z.core.$ZodType) {
  return (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) => {
    if (reply.statusCode >= 300) return done(null, payload);
    let filtered: unknown;
    try {
      filtered = z.parse(schema, payload);
    } catch (error) {
      return done(error as Error);
    }
    done(null, filtered);
  };
}
