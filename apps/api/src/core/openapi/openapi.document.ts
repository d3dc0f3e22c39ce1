import { ERROR_CODES, ZErrorEnvelope, type TErrorCode } from '@douyin-kit/contracts';
import { z } from 'zod';
import { NEVER_SHED } from '../http/load-shedding.js';
import type { DiscoveredRoute } from './route-discovery.js';
import { parametersOf, SchemaConverter, type JsonSchema } from './openapi-schemas.js';

export type OpenApiDocument = JsonSchema & { paths: Record<string, Record<string, JsonSchema>> };

const SECURITY_SCHEME = 'session';
const ADMIN_SECURITY_SCHEME = 'adminKey';

/** `/devices/:id` → `/devices/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document of the routes given, built only from their route contracts and the
 * shared error table: the contracts are the single source, this is a view of them.
 */
export function buildOpenApiDocument(routes: DiscoveredRoute[], info: { title: string; version: string }): OpenApiDocument {
  const schemas = new SchemaConverter();
  const envelope = schemas.convert(ZErrorEnvelope, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const contract = route.contract;
    const session = contract?.auth !== 'public';
    const operation: JsonSchema = {
      operationId: `${route.controller.replace(/Controller$/, '')}_${route.handler}`,
      summary: contract?.summary ?? `${route.controller}.${route.handler}`,
      tags: [route.controller.replace(/Controller$/, '')],
    };
    if (session) operation.security = [{ [contract?.auth === 'admin' ? ADMIN_SECURITY_SCHEME : SECURITY_SCHEME]: [] }];
    const parameters = [
      ...(contract?.params ? parametersOf(schemas.convert(contract.params, 'input'), 'path') : []),
      ...(contract?.query ? parametersOf(schemas.convert(contract.query, 'input'), 'query') : []),
    ];
    // Path parameters without a schema still have to be declared.
    for (const match of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      if (!parameters.some((p) => p.in === 'path' && p.name === match[1])) {
        parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
      }
    }
    if (parameters.length) operation.parameters = parameters;
    if (contract?.body) {
      operation.requestBody = {
        required: !z.safeParse(contract.body, undefined).success,
        content: { 'application/json': { schema: schemas.convert(contract.body, 'input') } },
      };
    }
    const status = String(contract?.status ?? 200);
    const responses: Record<string, JsonSchema> = {
      [status]: contract?.response
        ? { description: 'Success', content: { 'application/json': { schema: schemas.convert(contract.response, 'output') } } }
        : { description: 'Success' },
    };
    Object.assign(responses, errorResponses(errorCodesOf(route, session), envelope));
    operation.responses = responses;
    const key = toOpenApiPath(route.path);
    paths[key] = { ...paths[key], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: "Generated at start-up from the routes' contracts (@douyin-kit/contracts)." },
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The token from POST /auth/login' },
        [ADMIN_SECURITY_SCHEME]: { type: 'apiKey', in: 'header', name: 'x-admin-key', description: 'ADMIN_API_KEY (operators only)' },
      },
      schemas: schemas.components,
    },
  };
}

function errorCodesOf(route: DiscoveredRoute, session: boolean): TErrorCode[] {
  const codes = new Set<TErrorCode>(route.contract?.errors ?? []);
  // Any session route can answer 401, any admin route 429 (rate-limits.ts); the contracts
  // need not repeat it. Every session or admin route reads the database (the session lookup,
  // the admin routes' work), so may find it stalled; public routes that do list it themselves.
  if (session) codes.add('UNAUTHENTICATED').add('DATABASE_UNAVAILABLE');
  if (route.contract?.auth === 'admin') codes.add('RATE_LIMITED');
  // Any route but liveness may be shed under overload (http/load-shedding.ts).
  if (!NEVER_SHED.has(route.path)) codes.add('SERVER_BUSY');
  return [...codes].filter((code) => code in ERROR_CODES);
}

/** One response per HTTP status, its envelope's `code` narrowed to the codes of that status. */
function errorResponses(codes: TErrorCode[], envelope: JsonSchema): Record<string, JsonSchema> {
  const byStatus = new Map<number, TErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_CODES[code], [...(byStatus.get(ERROR_CODES[code]) ?? []), code]);
  const responses: Record<string, JsonSchema> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const schema = structuredClone(envelope) as { properties: { error: { properties: Record<string, JsonSchema> } } };
    schema.properties.error.properties.code = { type: 'string', enum: list };
    responses[String(status)] = {
      description: list.join(', '),
      ...(list.some(carriesRetryAfter) ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema } },
    };
  }
  return responses;
}

/** Codes whose answers always carry `Retry-After` (the error filter sets it from `details`). */
const RETRY_AFTER_CODES: ReadonlySet<TErrorCode> = new Set(['RATE_LIMITED', 'DATABASE_UNAVAILABLE', 'SERVER_BUSY']);
const carriesRetryAfter = (code: TErrorCode): boolean => RETRY_AFTER_CODES.has(code);
