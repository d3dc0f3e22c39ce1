import type { JsonSchema } from '../openapi-operations.js';
import type { Random } from './random.js';

/**
 * A value that mostly satisfies a route's JSON Schema (the OpenAPI document's view of its zod
 * contract). Good enough is the goal, not exactness: a near-valid body gets past the first
 * validation layer often enough for the mutations to reach the code behind it.
 */
export function sampleValue(schema: JsonSchema | undefined, rng: Random, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  // Copies: the mutations edit bodies in place, and must not edit the document's schemas.
  if ('const' in schema) return structuredClone(schema.const);
  if (Array.isArray(schema.enum)) return structuredClone(rng.pick(schema.enum));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  // `{properties, anyOf: [{required: [...]}, ...]}`: the branches only add required keys.
  if (branches && !schema.properties) return sampleValue(rng.pick(branches), rng, depth + 1);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type as string[]) : (schema.type as string | undefined);
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object':
      return sampleObject(schema, branches, rng, depth);
    case 'array': {
      const min = schema.minItems ?? 0;
      const count = rng.int(min, Math.max(min, Math.min(schema.maxItems ?? min + 2, min + 2)));
      return Array.from({ length: count }, () => sampleValue(schema.items, rng, depth + 1));
    }
    case 'integer':
    case 'number':
      return sampleNumber(schema, type === 'integer', rng);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return sampleString(schema, rng);
  }
}

function sampleObject(schema: JsonSchema, branches: JsonSchema[] | undefined, rng: Random, depth: number): Record<string, unknown> {
  const required = new Set<string>(schema.required ?? []);
  for (const name of (branches ? rng.pick(branches).required : undefined) ?? []) required.add(name);
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (required.has(name) || rng.chance(0.6)) out[name] = sampleValue(property, rng, depth + 1);
  }
  // Records (`data: {label: text}`) and catch-alls (getSystemInfo's unknown fields).
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    for (let i = rng.int(schema.properties ? 0 : 1, 2); i > 0; i--) {
      out[`k${rng.string(6)}`] = sampleValue(schema.additionalProperties as JsonSchema, rng, depth + 1);
    }
  }
  return out;
}

function sampleNumber(schema: JsonSchema, integer: boolean, rng: Random): number {
  const low = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1e-6 : -1000);
  const high = schema.maximum ?? (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1e-6 : 1000);
  const value = low + rng.next() * (high - low);
  return integer ? Math.ceil(value) : Math.round(value * 1e6) / 1e6;
}

function sampleString(schema: JsonSchema, rng: Random): string {
  if (schema.format === 'uuid') return rng.uuid();
  if (schema.format === 'date-time') return new Date(Date.UTC(2026, 0, rng.int(1, 28))).toISOString();
  const min = schema.minLength ?? 1;
  const max = Math.max(min, Math.min(schema.maxLength ?? min + 16, min + 16));
  // The contracts' patterns are character classes with bounds (ids, keys): letters and digits
  // of the right length satisfy all of them; anything else falls back to the bare string.
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const value = rng.string(rng.int(Math.max(min, 8), Math.max(max, 8)));
    if (!pattern || pattern.test(value)) return value.slice(0, schema.maxLength ?? value.length);
  }
  return rng.string(rng.int(min, max));
}
