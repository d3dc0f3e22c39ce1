import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * Converts contract schemas with zod 4's own `z.toJSONSchema` (JSON Schema 2020-12, which is
 * OpenAPI 3.1's dialect): no second schema library to keep in step with zod. Definitions a
 * schema needs (`$defs`, for recursive or `.meta({id})` schemas) move to
 * `components.schemas`, where references inside an OpenAPI document can reach them.
 */
export class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    const names = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) names.set(name, this.claim(name, def));
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node === null || typeof node !== 'object') return node;
      const out: JsonSchema = {};
      for (const [key, value] of Object.entries(node)) {
        out[key] =
          key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
            ? `#/components/schemas/${names.get(value.slice('#/$defs/'.length)) ?? value}`
            : rewrite(value);
      }
      return out;
    };
    for (const [name, def] of Object.entries(defs)) this.components[names.get(name)!] = rewrite(def) as JsonSchema;
    return rewrite(json) as JsonSchema;
  }

  /** A component name for `def`: its own name unless another schema already took it. */
  private claim(name: string, def: JsonSchema): string {
    const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? safe : `${safe}_${n}`;
      const taken = this.components[candidate];
      if (!taken || JSON.stringify(taken) === JSON.stringify(def)) return candidate;
    }
  }
}

/** Query or path parameters from an object schema: one parameter per property. */
export function parametersOf(schema: JsonSchema, location: 'query' | 'path'): JsonSchema[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}
