/** The three host families of the platform (docs/douyin-platform.md §0). */
export type HostFamily = 'apps' | 'open' | 'sandbox';

/** One POST to the platform, already serialised. */
export interface TransportRequest {
  /** Client operation name, carried into errors and logs. */
  operation: string;
  family: HostFamily;
  /** Path only, e.g. `/api/apps/v2/token`. */
  path: string;
  headers: Record<string, string>;
  /** JSON text of the body. */
  body: string;
  /** Whole-request timeout (connect + response). */
  timeoutMs: number;
}

/** What came back, before any envelope parsing. */
export interface TransportResponse {
  status: number;
  body: string;
}

/**
 * The HTTP boundary. Implementations throw `DouyinTransportError` when no response arrives and
 * must set `mayHaveReachedServer` conservatively: false only when the request bytes certainly
 * never left (the retry logic relies on it for single-use codes and non-idempotent sends).
 */
export interface DouyinTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
