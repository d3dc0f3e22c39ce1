import type * as z from 'zod/mini';
import type { TErrorCode } from './errors.js';

/** Any contract schema (zod/mini: it keeps the mini-program small). */
export type TSchema = z.ZodMiniType;

export type TRouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: anyone, a user (the holder of a live session token from
 * POST /auth/login), or an operator with the admin key (`x-admin-key`; a session is never enough).
 */
export type TRouteAuth = 'public' | 'user' | 'admin';

/**
 * One route of the API, defined once: the API binds its handler to it (method, path, auth,
 * validation, success status, OpenAPI) and the mini-program calls it through it. Write each as
 * an object literal `as const satisfies RouteContract`, so a misspelled error code or field
 * fails to compile and the object stays free of calls a bundler would have to keep.
 */
export interface RouteContract {
  method: TRouteMethod;
  /** Nest/Fastify form, path parameters as `:name`, e.g. `/me/addresses/:id`. */
  path: string;
  auth: TRouteAuth;
  /** One line for the OpenAPI document. */
  summary: string;
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The success body. The API parses what it answers with it, so fields outside it never leave. */
  response?: TSchema;
  /** The success status (a route may answer another 2xx for a documented outcome). */
  status: number;
  /**
   * Error codes this route may answer with, beyond those the API's OpenAPI document adds to
   * every route of its kind: 401 and the database's 503 to user and admin routes, 429 to admin
   * routes, 503 SERVER_BUSY to every route but liveness.
   */
  errors: readonly TErrorCode[];
}

type Output<R, K extends 'params' | 'query' | 'body' | 'response'> = R extends { [P in K]: infer S extends TSchema } ? z.output<S> : undefined;
type Input<R, K extends 'params' | 'query' | 'body' | 'response'> = R extends { [P in K]: infer S extends TSchema } ? z.input<S> : undefined;

/** The body a handler receives, as validated (defaults applied, strings trimmed). */
export type RouteBody<R extends RouteContract> = Output<R, 'body'>;
/** The path parameters a handler receives, as validated. */
export type RouteParams<R extends RouteContract> = Output<R, 'params'>;
/** The query a handler receives, as validated. */
export type RouteQuery<R extends RouteContract> = Output<R, 'query'>;
/** The body a client sends (before the server's validation). */
export type RouteBodyInput<R extends RouteContract> = Input<R, 'body'>;
/** The path parameters a client fills in. */
export type RouteParamsInput<R extends RouteContract> = Input<R, 'params'>;
/** The query a client sends. */
export type RouteQueryInput<R extends RouteContract> = Input<R, 'query'>;
/** What a client receives on success: the response schema's output, nothing for a route without one. */
export type RouteResponse<R extends RouteContract> = R extends { response: infer S extends TSchema } ? z.output<S> : void;
/** What a handler may return: the response schema's input (the API parses it into the response). */
export type RouteResult<R extends RouteContract> = R extends { response: infer S extends TSchema } ? z.input<S> : unknown;
