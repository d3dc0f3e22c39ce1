import { type DouyinError, DouyinApiError, DouyinTransportError } from './errors/douyin-errors.js';
import { redactBody, redactKnown } from './errors/redact.js';
import { type NormalizedEnvelope, normalizeEnvelope } from './envelope.js';
import type { DouyinLogger } from './logger.js';
import type { RetryPolicy } from './retry-policy.js';
import type { DouyinTransport, HostFamily } from './transport/transport.js';

/** Back-off between attempts: full jitter over an exponentially growing cap. */
export interface BackoffOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Cap of the first delay. Default 200 ms. */
  baseDelayMs?: number;
  /** Largest cap. Default 2000 ms. */
  maxDelayMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
}

export interface RequestSenderOptions extends BackoffOptions {
  transport: DouyinTransport;
  logger: DouyinLogger;
  /** Whole-request timeout per attempt. */
  timeoutMs: number;
  /** Which family serves the legacy apps paths (`sandbox` when the sandbox is used). */
  appsFamily: 'apps' | 'sandbox';
}

/** One platform call as a resource describes it. */
export interface PlatformRequest {
  operation: string;
  family: HostFamily;
  path: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Values sent that must never appear in errors or logs, should the platform echo them. */
  secrets: readonly string[];
  retry: RetryPolicy;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The only code that talks to the transport: serialises, retries with back-off under the
 * operation's policy, normalises the envelope and turns failures into typed errors.
 */
export class RequestSender {
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: RequestSenderOptions) {
    this.maxRetries = options.maxRetries ?? 2;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  /** Sends the request; resolves with the envelope of a successful answer (errNo 0). */
  async send(request: PlatformRequest): Promise<NormalizedEnvelope> {
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      try {
        const envelope = await this.attempt(request);
        this.options.logger.debug('douyin call ok', {
          operation: request.operation,
          endpoint: request.path,
          attempt,
          logId: envelope.logId,
          durationMs: Date.now() - started,
        });
        return envelope;
      } catch (err) {
        const error = err as DouyinError;
        const retry = attempt < this.maxRetries && request.retry.shouldRetry(error);
        this.options.logger.warn('douyin call failed', {
          operation: request.operation,
          endpoint: request.path,
          attempt,
          kind: error.kind,
          errNo: error instanceof DouyinApiError ? error.errNo : undefined,
          logId: error instanceof DouyinApiError ? error.logId : undefined,
          errorCode: error instanceof DouyinTransportError ? error.code : undefined,
          durationMs: Date.now() - started,
          willRetry: retry,
          policy: request.retry.name,
        });
        if (!retry) throw error;
        await this.sleep(this.backoffMs(attempt));
      }
    }
  }

  /** Full jitter: a uniform delay up to base·2^attempt, capped, so callers spread out. */
  backoffMs(attempt: number): number {
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return Math.floor(this.random() * cap);
  }

  private async attempt(request: PlatformRequest): Promise<NormalizedEnvelope> {
    const family = request.family === 'apps' ? this.options.appsFamily : request.family;
    const res = await this.options.transport.send({
      operation: request.operation,
      family,
      path: request.path,
      headers: request.headers ?? {},
      body: JSON.stringify(request.body),
      timeoutMs: this.options.timeoutMs,
    });
    const base = { operation: request.operation, endpoint: request.path };
    const parsed = parseJson(res.body);
    const envelope = normalizeEnvelope(parsed);
    const ok2xx = res.status >= 200 && res.status < 300;
    if (envelope && envelope.errNo !== 0) {
      // Platform errors come with HTTP 200; a non-2xx carrying an envelope is still an API error.
      throw new DouyinApiError({
        ...base,
        errNo: envelope.errNo,
        platformMessage: redactKnown(envelope.message, request.secrets),
        logId: envelope.logId,
        httpStatus: res.status,
        raw: redactBody(parsed, request.secrets),
      });
    }
    if (!ok2xx) {
      throw new DouyinTransportError({
        ...base,
        kind: 'http_error',
        mayHaveReachedServer: true,
        httpStatus: res.status,
        detail: `HTTP ${res.status}`,
      });
    }
    if (!envelope) {
      throw new DouyinTransportError({
        ...base,
        kind: 'bad_response',
        mayHaveReachedServer: true,
        httpStatus: res.status,
        detail: 'response body is not a JSON object',
      });
    }
    return envelope;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
