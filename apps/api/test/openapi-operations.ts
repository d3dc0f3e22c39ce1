/** A JSON Schema node as the OpenAPI document prints it (inline; zod's output). */
export type JsonSchema = Record<string, any>;

export type OperationAuth = 'public' | 'session' | 'admin';

/** One route of the running app, read from its own OpenAPI document. */
export interface Operation {
  method: string;
  /** OpenAPI form, e.g. `/me/addresses/{id}`. */
  path: string;
  auth: OperationAuth;
  /** The JSON body's schema, when the route takes one. */
  body?: JsonSchema;
  pathParams: { name: string; schema: JsonSchema }[];
  /** `POST /me/addresses`: how tables and failure messages name a route. */
  key: string;
}

/**
 * Every operation of the app's GET /docs/openapi.json. Tests walk this rather than a list of
 * their own, so a route added tomorrow is fuzzed and must be classified without anyone
 * remembering to.
 */
export async function fetchOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/docs/openapi.json`);
  if (response.status !== 200) throw new Error(`GET /docs/openapi.json: ${response.status}`);
  const doc = (await response.json()) as { paths: Record<string, Record<string, JsonSchema>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): Operation => {
      const scheme = Object.keys((op.security as JsonSchema[] | undefined)?.[0] ?? {})[0];
      const auth: OperationAuth = scheme === undefined ? 'public' : scheme === 'adminKey' ? 'admin' : 'session';
      if (scheme !== undefined && scheme !== 'adminKey' && scheme !== 'session')
        throw new Error(`${method} ${path}: unknown security scheme ${scheme}`);
      const upper = method.toUpperCase();
      return {
        method: upper,
        path,
        auth,
        body: op.requestBody?.content?.['application/json']?.schema,
        pathParams: ((op.parameters ?? []) as JsonSchema[]).filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        key: `${upper} ${path}`,
      };
    }),
  );
}

/** `/me/addresses/{id}` with `{ id: 'x y' }` → `/me/addresses/x%20y`; `raw` values go in as they are. */
export function fillPath(path: string, values: Record<string, string>, raw = false): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name] ?? 'missing';
    return raw ? value : encodeURIComponent(value);
  });
}
