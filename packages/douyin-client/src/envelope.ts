import { isRecord } from './type-guards.js';

/** A response body reduced to what every caller needs, whichever API generation sent it. */
export interface NormalizedEnvelope {
  /** 0 on success. */
  errNo: number;
  message: string;
  logId: string | undefined;
  /** The payload: `data` when the envelope has one, else the flat body itself (v1). */
  data: unknown;
}

type Json = Record<string, unknown>;

// Order matters: it is the official SDK util's order (docs/douyin-platform.md §0).
const ERR_NO_FIELDS = ['err_no', 'errcode', 'error_code', 'errno', 'error'] as const;
const MESSAGE_FIELDS = ['err_msg', 'err_tips', 'errmsg', 'description'] as const;

/** Reads a number, also from a numeric string; v1 `error` is sometimes free text, not a code. */
function asErrNo(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function firstErrNo(obj: Json): number | undefined {
  for (const field of ERR_NO_FIELDS) {
    const n = asErrNo(obj[field]);
    if (n !== undefined) return n;
  }
  return undefined;
}

function firstMessage(obj: Json): string | undefined {
  for (const field of MESSAGE_FIELDS) {
    const v = obj[field];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * The one place that understands the four envelopes: v1 flat `errcode/errmsg`, v2
 * `err_no/err_tips/data`, oauth `data.error_code/description` + `message`, and open API
 * `err_no/err_msg/log_id`. Returns undefined when the body is not a JSON object.
 */
export function normalizeEnvelope(body: unknown): NormalizedEnvelope | undefined {
  if (!isRecord(body)) return undefined;
  const data = isRecord(body.data) ? body.data : undefined;
  // oauth puts its error fields inside `data`; the top level wins when both have one.
  const errNo = firstErrNo(body) ?? (data ? firstErrNo(data) : undefined) ?? 0;
  const message = firstMessage(body) ?? (data ? firstMessage(data) : undefined) ?? (typeof body.message === 'string' ? body.message : '');
  const extra = isRecord(body.extra) ? body.extra : undefined;
  const rawLogId = body.log_id ?? extra?.logid ?? extra?.log_id;
  const logId = typeof rawLogId === 'string' && rawLogId !== '' ? rawLogId : undefined;
  return { errNo, message, logId, data: 'data' in body ? body.data : body };
}
