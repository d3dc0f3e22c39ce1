import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { TWebhookResponse } from '@douyin-kit/contracts';
import { readWebhookEnvelope } from '@douyin-kit/nestjs';
import { AppConfig } from '../../../core/config/app-config.js';
import { AppError } from '../../../core/errors/app-error.js';
import { WebhookEventsRepository } from '../webhook-events.repository.js';
import { WebhookQueue } from '../webhook-queue.js';

/** The events something processes; anything else is stored as ignored. */
export const PROCESSED_EVENTS: ReadonlySet<string> = new Set(['user_subscribe_action', 'send_push_failed_event']);

const MSG_ID = /^[\x21-\x7e]{1,128}$/;

/** A push whose signature DouyinWebhookGuard has checked. */
export interface IncomingWebhook {
  rawBody: Buffer;
  body: unknown;
  msgId: unknown;
  /** For the log line (there is no ambient request context). */
  requestId: string;
}

/**
 * Receives Douyin's signed pushes (the signature and verify_webhook are @douyin-kit/nestjs's
 * DouyinWebhook, on the controller). The answer must come within the platform's 5 s, so the
 * request only dedupes and stores; a queue job does the rest (WebhooksWorker).
 *
 * Answers: 400 for a body that is not JSON or not an event at all (Douyin never sends one; nothing
 * stored); 200 for everything signed, including events for another client_key, events we do not
 * process and events whose content cannot be read: those are stored as `ignored`, so Douyin stops
 * retrying and the row shows what came.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly config: AppConfig,
    private readonly events: WebhookEventsRepository,
    private readonly queue: WebhookQueue,
  ) {}

  async receive(input: IncomingWebhook): Promise<TWebhookResponse> {
    const { appId } = this.config.douyin;
    const envelope = readWebhookEnvelope(input.body);
    if (!envelope) throw new AppError('VALIDATION_FAILED', 'Not a Douyin event: the body must be a JSON object with a string `event`');

    // Douyin sends Msg-Id on every push; without one, the body's hash is the next best key.
    const msgId =
      typeof input.msgId === 'string' && MSG_ID.test(input.msgId) ? input.msgId : `sha1:${createHash('sha1').update(input.rawBody).digest('hex')}`;
    const ignoredBecause =
      envelope.clientKey !== appId ? 'client_key is not this app' : !PROCESSED_EVENTS.has(envelope.event) ? 'event not processed' : undefined;
    const result = await this.events.store(
      {
        appId,
        msgId,
        bodySha256: createHash('sha256').update(input.rawBody).digest(),
        event: envelope.event,
        fromUserId: envelope.fromUserId,
        contentText: envelope.contentText,
        logId: envelope.logId,
        state: ignoredBecause ? 'ignored' : 'received',
        ...(ignoredBecause ? { outcome: ignoredBecause } : {}),
      },
      (tx, id) => this.queue.enqueue(tx, id),
    );
    this.logger.log({
      msg: 'webhook received',
      requestId: input.requestId,
      event: envelope.event,
      msgId,
      result,
      ignored: ignoredBecause,
      logId: envelope.logId,
    });
    return {};
  }
}
