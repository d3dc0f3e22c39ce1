import { applyDecorators, HttpCode, RequestMapping, RequestMethod, SetMetadata } from '@nestjs/common';
import type { RouteBody, RouteContract, RouteParams, RouteQuery, RouteResult } from '@douyin-kit/contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../http/auth-context.js';

export const CONTRACT_METADATA = 'douyin-kit:contract';

/** What a handler bound to `R` may return: the route's result, or a promise of it. */
type RouteHandler<R extends RouteContract> = (...args: never[]) => RouteResult<R> | Promise<RouteResult<R>>;

/**
 * What a handler bound to `R` may take: the route's validated body, params or query, the caller,
 * the raw request, or a header. A handler declaring another route's body fails to compile.
 */
type HandlerArgument<R extends RouteContract> = RouteBody<R> | RouteParams<R> | RouteQuery<R> | AuthContext | FastifyRequest | string | undefined;

type ArgumentsFit<H extends (...args: never[]) => unknown, R extends RouteContract> =
  Parameters<H>[number] extends HandlerArgument<R>
    ? unknown
    : { 'handler arguments outside the route': Exclude<Parameters<H>[number], HandlerArgument<R>> };

/**
 * Binds a handler to its route in `@douyin-kit/contracts`: method and path for Nest's router,
 * the success status, and the contract itself for the route pipeline (contract/route-pipeline.ts:
 * rate limits, auth, validation, response shape) and the OpenAPI document. The handler's return type
 * is checked against the route's response, so a controller cannot drift from its contract.
 * Its controller is `@Controller()` with no prefix: the path is the route's, whole.
 */
export function Route<R extends RouteContract>(route: R) {
  const decorate = applyDecorators(
    RequestMapping({ path: route.path, method: RequestMethod[route.method] }),
    SetMetadata(CONTRACT_METADATA, route),
    HttpCode(route.status),
  );
  return <H extends RouteHandler<R>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H> & ArgumentsFit<H, R>): void => {
    decorate(target, key, descriptor);
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `setSuccessStatus`; applied by the onSend hook in bootstrap. */
    successStatus?: number;
  }
}

/**
 * For a route whose success status depends on the outcome (e.g. 201 created, 200 when an
 * idempotent retry found the existing resource); the route's `status` is the default.
 */
export function setSuccessStatus(request: { successStatus?: number }, status: number): void {
  request.successStatus = status;
}
