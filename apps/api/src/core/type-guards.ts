/** A JSON object (not null, not an array): what a client-supplied JSON document must be before its fields are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
