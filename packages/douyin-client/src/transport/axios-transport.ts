import axios, { type AxiosInstance, type AxiosProxyConfig, isAxiosError } from 'axios';
import { DouyinTransportError } from '../errors/douyin-errors.js';
import { CONNECT_TIMEOUT_CODE, ConnectTimeoutHttpAgent, ConnectTimeoutHttpsAgent } from './connect-timeout-agent.js';
import type { DouyinTransport, HostFamily, TransportRequest, TransportResponse } from './transport.js';

/** Options of the default transport. */
export interface AxiosTransportOptions {
  /** Base URL per host family (scheme + host + optional port). */
  baseUrls: Record<HostFamily, string>;
  /** TCP + TLS handshake limit. Default 3000 ms. */
  connectTimeoutMs?: number;
  /**
   * Outbound proxy. Default `false`: axios would otherwise pick up HTTP(S)_PROXY from the
   * environment and send tokens through whatever proxy happens to be configured.
   */
  proxy?: AxiosProxyConfig | false;
  /** User-Agent header. */
  userAgent?: string;
}

// Codes meaning the connection was never established, so no request byte reached a server.
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  CONNECT_TIMEOUT_CODE,
  // TLS verification failures happen in the handshake, before any HTTP byte is written.
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const RESPONSE_TIMEOUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** The default transport: one axios instance per host family. */
export class AxiosTransport implements DouyinTransport {
  private readonly instances: Record<HostFamily, AxiosInstance>;

  constructor(options: AxiosTransportOptions) {
    const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    const httpAgent = new ConnectTimeoutHttpAgent({ keepAlive: true }, connectTimeoutMs);
    const httpsAgent = new ConnectTimeoutHttpsAgent({ keepAlive: true }, connectTimeoutMs);
    const make = (baseURL: string): AxiosInstance =>
      axios.create({
        baseURL,
        httpAgent,
        httpsAgent,
        proxy: options.proxy ?? false,
        // A redirect would re-send secrets to another place: treat it as an HTTP error.
        maxRedirects: 0,
        // The sender parses and normalises; axios must hand over the body untouched.
        responseType: 'text',
        transformRequest: [(data: unknown) => data],
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        headers: { 'User-Agent': options.userAgent ?? 'douyin-kit-client' },
      });
    this.instances = {
      apps: make(options.baseUrls.apps),
      open: make(options.baseUrls.open),
      sandbox: make(options.baseUrls.sandbox),
    };
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    try {
      const res = await this.instances[request.family].post<string>(request.path, request.body, {
        // The body is a ready JSON string, so axios leaves this header exactly as given
        // (no `;charset=utf-8` suffix, which one official SDK had to fix).
        headers: { ...request.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
        timeout: request.timeoutMs,
      });
      return { status: res.status, body: typeof res.data === 'string' ? res.data : String(res.data) };
    } catch (err) {
      throw toTransportError(err, request);
    }
  }
}

/**
 * Keeps only the error's code and message: axios errors carry the request config, body
 * included, which holds secrets and must not travel as `cause`.
 */
function toTransportError(err: unknown, request: TransportRequest): DouyinTransportError {
  const code = isAxiosError(err) || err instanceof Error ? (err as { code?: string }).code : undefined;
  const base = { operation: request.operation, endpoint: request.path, code };
  if (code === CONNECT_TIMEOUT_CODE) {
    return new DouyinTransportError({ ...base, kind: 'timeout', mayHaveReachedServer: false, detail: 'connect timeout' });
  }
  if (code && RESPONSE_TIMEOUT.has(code)) {
    return new DouyinTransportError({
      ...base,
      kind: 'timeout',
      mayHaveReachedServer: true,
      detail: `no response within ${request.timeoutMs} ms`,
    });
  }
  const reached = !(code && NEVER_CONNECTED.has(code));
  const detail = code ?? (err instanceof Error ? err.message : 'unknown transport failure');
  return new DouyinTransportError({ ...base, kind: 'network', mayHaveReachedServer: reached, detail });
}
