import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RouteContract } from '@douyin-kit/contracts';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { CONTRACT_METADATA } from './route.decorator.js';
import { findUnstorableText } from './storable-text.js';

type Part = 'body' | 'query' | 'params';

/**
 * Validates the request parts a route's contract names (replacing them with the parsed,
 * typed values) and passes the handler's result through the response schema, which drops
 * any field the contract does not list: a row with a secret column cannot leak by accident.
 */
@Injectable()
export class ContractInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RouteContract | undefined>(CONTRACT_METADATA, context.getHandler());
    if (!contract) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = contract[part];
      if (schema) (request as unknown as Record<Part, unknown>)[part] = parsePart(part, schema, request[part]);
    }
    const response = contract.response;
    return response ? next.handle().pipe(map((result) => z.parse(response, result))) : next.handle();
  }
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
