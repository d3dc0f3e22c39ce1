import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { TWebhookResponse } from '@douyin-kit/contracts';
import { AppConfig } from '../../../core/config/app-config.js';
import { AppError } from '../../../core/errors/app-error.js';
import { challengeOf, readEnvelope } from '../webhook-payload.js';
import { WebhookEventsRepository } from '../webhook-events.repository.js';
import { WebhookQueue } from '../webhook-queue.js';
import { webhookSignatureValid } from '../webhook-signature.js';

/** The events something processes; anything else is stored as ignored. */
export const PROCESSED_EVENTS: ReadonlySet<string> = new Set(['user_subscribe_action', 'send_push_failed_event']);

const MSG_ID = /^[\x21-\x7e]{1,128}$/;

export interface IncomingWebhook {
  rawBody: Buffer | undefined;
  body: unknown;
  signature: unknown;
  msgId: unknown;
}

/**
 * Receives Douyin's pushes. The answer must come within the platform's 5 s, so the request only
 * verifies, dedupes and stores; a queue job does the rest (WebhooksWorker).
 *
 * Answers: 401 WEBHOOK_SIGNATURE_INVALID when the signature does not match (nothing stored);
 * 400 for a body that is not JSON or not an event at all (Douyin never sends one; nothing
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
    const { appId, webhookSecret } = this.config.douyin;
    if (!input.rawBody || !webhookSignatureValid(webhookSecret, input.rawBody, input.signature)) {
      throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'X-Douyin-Signature does not match the body: not from Douyin, nothing stored');
    }
    const envelope = readEnvelope(input.body);
    if (!envelope) throw new AppError('VALIDATION_FAILED', 'Not a Douyin event: the body must be a JSON object with a string `event`');

    if (envelope.event === 'verify_webhook') {
      const challenge = challengeOf(envelope);
      if (challenge === undefined) throw new AppError('VALIDATION_FAILED', 'verify_webhook without a numeric content.challenge');
      this.logger.log({ msg: 'webhook verified', event: envelope.event });
      return { challenge };
    }

    // Douyin sends Msg-Id on every push; without one, the body's hash is the next best key.
    const msgId =
      typeof input.msgId === 'string' && MSG_ID.test(input.msgId) ? input.msgId : `sha1:${createHash('sha1').update(input.rawBody).digest('hex')}`;
    const ignoredBecause =
      envelope.clientKey !== appId ? 'client_key is not this app' : !PROCESSED_EVENTS.has(envelope.event) ? 'event not processed' : undefined;
    const result = await this.events.store(
      {
        appId,
        msgId,
        event: envelope.event,
        fromUserId: envelope.fromUserId,
        contentText: envelope.contentText,
        logId: envelope.logId,
        state: ignoredBecause ? 'ignored' : 'received',
        ...(ignoredBecause ? { outcome: ignoredBecause } : {}),
      },
      (tx, id) => this.queue.enqueue(tx, id),
    );
    this.logger.log({ msg: 'webhook received', event: envelope.event, msgId, result, ignored: ignoredBecause, logId: envelope.logId });
    return {};
  }
}
