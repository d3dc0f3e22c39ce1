/** A JSON object (not null, not an array): what request bodies and queries are read as. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
