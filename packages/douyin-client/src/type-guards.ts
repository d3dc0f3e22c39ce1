/** A JSON object (not null, not an array): what the platform's envelopes and payloads are. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
