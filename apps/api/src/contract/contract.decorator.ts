import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** Any zod schema, classic or zod/mini (the contracts use mini to keep the mini-program small). */
type Schema = z.core.$ZodType;

export const CONTRACT_METADATA = 'douyin-kit:contract';

/**
 * Who may call a route: anyone, the holder of a valid session token, or an operator with the
 * admin key (`x-admin-key`; a session token is never enough).
 */
export type RouteAuth = 'public' | 'session' | 'admin';

/**
 * A route's contract: its shapes come from `@douyin-kit/contracts`, so validation, the
 * response's shape and the OpenAPI document all derive from the one source.
 */
export interface RouteContract {
  summary: string;
  /** Default 'session': a route is closed unless it says otherwise. */
  auth?: RouteAuth;
  body?: Schema;
  query?: Schema;
  params?: Schema;
  /** The success body. Responses are parsed with it, so fields outside it never leave. */
  response?: Schema;
  /** Success status; default 200. */
  status?: number;
  /** Error codes this route may answer with, for the OpenAPI document. */
  errors?: readonly string[];
}

export function Contract(contract: RouteContract): MethodDecorator {
  return applyDecorators(SetMetadata(CONTRACT_METADATA, contract), HttpCode(contract.status ?? 200));
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `setSuccessStatus`; applied by the onSend hook in bootstrap. */
    successStatus?: number;
  }
}

/**
 * For a route whose success status depends on the outcome (e.g. 201 created, 200 when an
 * idempotent retry found the existing resource); the contract's `status` is the default.
 */
export function setSuccessStatus(request: { successStatus?: number }, status: number): void {
  request.successStatus = status;
}
