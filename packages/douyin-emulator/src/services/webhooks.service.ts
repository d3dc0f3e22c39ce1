import { createHash } from 'node:crypto';
import { AdminError, type EmulatorContext } from '../context.js';
import { newLogId, randomHex } from '../identifiers.js';
import type { AppRecord } from '../store/store.js';

/** One POST of a delivery. `at` in emulated epoch ms; `statusCode` null when no answer came. */
export interface WebhookAttempt {
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One event pushed to an app's webhook URL, with every attempt (the first and the retries). */
export interface WebhookDelivery {
  id: string;
  appid: string;
  url: string;
  msgId: string;
  event: string;
  /** The exact bytes sent (what the signature covers). */
  body: string;
  signature: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  createdAt: number;
}

export interface VerifyResult {
  verified: boolean;
  challenge: number;
  statusCode: number | null;
  error: string | null;
}

/** The most deliveries kept (oldest dropped first): the emulator's memory stays small. */
const MAX_DELIVERIES = 1000;

/**
 * The platform's event push (docs/douyin-platform.md §10): a POST of JSON
 * `{event, client_key, from_user_id, content: "<JSON string>", log_id}` with `Msg-Id` and
 * `X-Douyin-Signature` = hex sha1(key + body), the key being the app's webhook secret when set,
 * else the app secret. An answer that is not 2xx within
 * `webhookTimeoutMs` (5 s) is retried, up to 3 times, after `webhookRetryDelaysMs`. Retries run
 * on real timers (the emulated clock only stamps `time` and attempts).
 */
export class WebhookDispatcher {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: EmulatorContext) {}

  /** Pushes an event when the app has a webhook URL; returns the delivery (undefined without URL). */
  push(appid: string, event: string, fromUserId: string | null, content: Record<string, unknown>): WebhookDelivery | undefined {
    const app = this.ctx.store.getApp(appid);
    if (!app?.webhookUrl) return undefined;
    const now = this.ctx.clock.now();
    const body = JSON.stringify({
      event,
      client_key: appid,
      ...(fromUserId === null ? {} : { from_user_id: fromUserId }),
      content: JSON.stringify(content),
      log_id: newLogId(now),
    });
    const delivery: WebhookDelivery = {
      id: `whd_${randomHex(8)}`,
      appid,
      url: app.webhookUrl,
      msgId: randomHex(16),
      event,
      body,
      signature: sign(signingKey(app), body),
      status: 'pending',
      attempts: [],
      createdAt: now,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.shift();
    this.schedule(delivery, 0, 0);
    return delivery;
  }

  /** Sends the same delivery again (same body, Msg-Id and signature), as the platform's retries do. */
  redeliver(id: string): WebhookDelivery {
    const delivery = this.deliveries.find((d) => d.id === id);
    if (!delivery) throw new AdminError(404, `no webhook delivery ${id}`);
    delivery.status = 'pending';
    this.schedule(delivery, 0, delivery.attempts.length);
    return delivery;
  }

  /**
   * The console's check when a URL is saved: a signed verify_webhook POST whose answer must
   * echo the challenge. One attempt, recorded as a delivery.
   */
  async verify(app: AppRecord, url: string): Promise<VerifyResult> {
    const challenge = Math.floor(this.ctx.random() * 1e9);
    const body = JSON.stringify({ event: 'verify_webhook', client_key: app.appid, content: { challenge } });
    const now = this.ctx.clock.now();
    const delivery: WebhookDelivery = {
      id: `whd_${randomHex(8)}`,
      appid: app.appid,
      url,
      msgId: randomHex(16),
      event: 'verify_webhook',
      body,
      signature: sign(signingKey(app), body),
      status: 'pending',
      attempts: [],
      createdAt: now,
    };
    this.deliveries.push(delivery);
    const { attempt, text } = await this.post(delivery);
    let echoed: unknown;
    try {
      echoed = (JSON.parse(text ?? '') as { challenge?: unknown }).challenge;
    } catch {
      echoed = undefined;
    }
    const verified = attempt.statusCode !== null && attempt.statusCode < 300 && Number(echoed) === challenge;
    delivery.status = verified ? 'delivered' : 'failed';
    return {
      verified,
      challenge,
      statusCode: attempt.statusCode,
      error: verified ? null : (attempt.error ?? 'the answer did not echo the challenge'),
    };
  }

  list(filter: { appid?: string } = {}): WebhookDelivery[] {
    return this.deliveries.filter((d) => !filter.appid || d.appid === filter.appid);
  }

  /** Reset and close: pending retries are dropped. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries.length = 0;
  }

  /** The next POST of a chain (a push or a redelivery) whose first attempt is `attempts[start]`. */
  private schedule(delivery: WebhookDelivery, delayMs: number, start: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, start);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** One POST; not 2xx in time: retried after the next delay, until the delays run out. */
  private async attempt(delivery: WebhookDelivery, start: number): Promise<void> {
    const { attempt } = await this.post(delivery);
    if (attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300) {
      delivery.status = 'delivered';
      return;
    }
    const made = delivery.attempts.length - start;
    const delays = this.ctx.options.webhookRetryDelaysMs;
    if (made > delays.length) {
      delivery.status = 'failed';
      return;
    }
    this.schedule(delivery, delays[made - 1]!, start);
  }

  private async post(delivery: WebhookDelivery): Promise<{ attempt: WebhookAttempt; text: string | undefined }> {
    const started = Date.now();
    const attempt: WebhookAttempt = { at: this.ctx.clock.now(), statusCode: null, error: null, durationMs: 0 };
    delivery.attempts.push(attempt);
    let text: string | undefined;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'msg-id': delivery.msgId, 'x-douyin-signature': delivery.signature },
        body: delivery.body,
        signal: AbortSignal.timeout(this.ctx.options.webhookTimeoutMs),
        redirect: 'manual',
      });
      attempt.statusCode = response.status;
      // Only a verification reads the answer; it is small, and cut at 4 KiB all the same.
      text = (await response.text()).slice(0, 4096);
      if (response.status >= 300) attempt.error = `HTTP ${response.status}`;
    } catch (error) {
      attempt.error =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${this.ctx.options.webhookTimeoutMs} ms` : describe(error);
    }
    attempt.durationMs = Date.now() - started;
    return { attempt, text };
  }
}

/** The console's separate webhook key when the app has one, else the app secret. */
const signingKey = (app: AppRecord): string => app.webhookSecret ?? app.secret;

function sign(secret: string, body: string): string {
  return createHash('sha1').update(secret, 'utf8').update(body, 'utf8').digest('hex');
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === 'string' ? cause : error instanceof Error ? error.message : 'request failed';
}
