import { invoke, type Callbacks } from './tt-callbacks.js';

export interface RequestOptions extends Callbacks<RequestResult> {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'PATCH';
  /** POST/PUT/PATCH: the body (JSON unless a string or ArrayBuffer); other methods: the query. */
  data?: object | string | ArrayBuffer;
  header?: object;
  /** "json" (default) parses the body when it is JSON; anything else leaves the text. */
  dataType?: string;
  /** "arraybuffer" returns the raw bytes; default text. */
  responseType?: string;
  timeout?: number;
}

export interface RequestResult {
  data: object | string | ArrayBuffer;
  statusCode: number;
  header: Record<string, string>;
  errMsg: string;
}

export type RequestTask = Promise<RequestResult> & { abort(): void };

/** Encodes GET data into the query string like tt does (objects only, values stringified). */
function withQuery(url: string, data: unknown): string {
  if (data === undefined || data === null || typeof data !== 'object' || data instanceof ArrayBuffer) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (v !== undefined) params.append(k, typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));
  }
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/**
 * tt.request over real HTTP (fetch). Like tt, any HTTP status is a success with its
 * statusCode; only network failures, timeouts and aborts call `fail`.
 */
export function ttRequest(options: RequestOptions, fetchImpl: typeof fetch): RequestTask {
  const controller = new AbortController();
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { ...(options.header as Record<string, string> | undefined) };
  const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let url = options.url;
  let body: string | ArrayBuffer | undefined;
  if (!['POST', 'PUT', 'PATCH'].includes(method)) {
    url = withQuery(url, options.data);
  } else if (options.data !== undefined) {
    const raw = typeof options.data === 'string' || options.data instanceof ArrayBuffer;
    body = raw ? (options.data as string | ArrayBuffer) : JSON.stringify(options.data);
    if (!hasContentType) headers['content-type'] = 'application/json';
  }

  const promise = invoke('request', options, async () => {
    const timer = options.timeout ? setTimeout(() => controller.abort(), options.timeout) : undefined;
    try {
      const res = await fetchImpl(url, { method, headers, body, signal: controller.signal });
      const header: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        header[key] = value;
      });
      let data: RequestResult['data'];
      if (options.responseType === 'arraybuffer') {
        data = await res.arrayBuffer();
      } else {
        const text = await res.text();
        data = text;
        if ((options.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text) as RequestResult['data'];
          } catch {
            // tt hands back the raw string when the body is not JSON
          }
        }
      }
      return { data, statusCode: res.status, header, errMsg: 'request:ok' };
    } catch (error) {
      const aborted = controller.signal.aborted;
      throw { errMsg: `request:fail ${aborted ? 'abort' : (error as Error).message}` };
    } finally {
      if (timer) clearTimeout(timer);
    }
  });
  return Object.assign(promise, { abort: () => controller.abort() });
}
