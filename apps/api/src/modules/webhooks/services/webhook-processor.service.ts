import { Injectable } from '@nestjs/common';
import { reachFailureOf, readWebhookEnvelope, subscribeActionOf } from '@douyin-kit/nestjs';
import { Clock } from '../../../core/clock/clock.js';
import { AppConfig } from '../../../core/config/app-config.js';
import { consentEventId } from '../../subscriptions/consent-event-id.js';
import { ConsentsRepository } from '../../subscriptions/consents.repository.js';
import { WebhookEventsRepository, type StoredEvent } from '../webhook-events.repository.js';

/** What processing did, for the event row: `ignored` with why, or `processed` with what. */
export type ProcessOutcome = { state: 'processed' | 'ignored'; outcome: string };

/**
 * Applies one stored event. Every step is safe to repeat (a job retried after a crash): the
 * consent ledger row's id derives from the Msg-Id, and a reach failure overwrites the same fields.
 */
@Injectable()
export class WebhookProcessor {
  constructor(
    private readonly config: AppConfig,
    private readonly events: WebhookEventsRepository,
    private readonly consents: ConsentsRepository,
    private readonly clock: Clock,
  ) {}

  async process(event: StoredEvent): Promise<ProcessOutcome> {
    const envelope = readWebhookEnvelope({ event: event.event, content: event.content ?? undefined });
    const content = envelope?.content ?? {};
    if (!event.fromUserId) return { state: 'ignored', outcome: 'no from_user_id' };
    const user = await this.events.findUserId(event.appId, event.fromUserId);
    // An open_id we never saw logged in: the row keeps the event, nothing else happens.
    if (!user) return { state: 'ignored', outcome: 'unknown open_id' };

    if (event.event === 'user_subscribe_action') {
      const action = subscribeActionOf(content);
      if (!action) return { state: 'ignored', outcome: 'unreadable content' };
      const template = await this.events.findTemplate(event.appId, action.templateId);
      if (!template) return { state: 'ignored', outcome: `template ${action.templateId} not in the registry` };
      const recorded = await this.consents.recordWebhookDecision(
        {
          eventId: consentEventId(user.id, `webhook:${event.appId}:${event.msgId}`, action.templateId),
          userId: user.id,
          templateId: action.templateId,
          kind: template.kind,
          action: action.action,
          decidedAt: action.at ?? this.clock.now(),
        },
        this.config.subscriptions.creditLimit,
      );
      return { state: 'processed', outcome: `subscribe_action ${action.action} ${recorded ? 'recorded' : 'already recorded'}` };
    }

    if (event.event === 'send_push_failed_event') {
      const failure = reachFailureOf(content);
      if (!failure) return { state: 'ignored', outcome: 'unreadable content' };
      const marked = await this.events.markReachFailure({
        appId: event.appId,
        userId: user.id,
        templateId: failure.templateId,
        reason: failure.reason,
        at: failure.at ?? this.clock.now(),
      });
      return marked
        ? { state: 'processed', outcome: `reach failure ${failure.reason} on ${marked}` }
        : { state: 'ignored', outcome: 'no attempted message to mark' };
    }
    return { state: 'ignored', outcome: 'event not processed' };
  }
}
