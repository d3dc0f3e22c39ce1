import { isRecord } from '../type-guards.js';

/** Reads a string field of a payload; absent or non-string fields read as ''. */
export function readString(data: unknown, field: string): string {
  const value = isRecord(data) ? data[field] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Reads a numeric field (number or numeric string); otherwise 0. */
export function readNumber(data: unknown, field: string): number {
  const value = isRecord(data) ? data[field] : undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return 0;
}

/** Reads a string field the platform may omit or send empty: both read as undefined. */
export function readOptionalString(data: unknown, field: string): string | undefined {
  return readString(data, field) || undefined;
}
