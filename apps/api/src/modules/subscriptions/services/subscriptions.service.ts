import { Injectable } from '@nestjs/common';
import type { TSubscriptionRequest, TSubscriptionState } from '@douyin-kit/contracts';
import type { AuthContext } from '../../../core/http/auth-context.js';
import { Clock } from '../../../core/clock/clock.js';
import { AppConfig } from '../../../core/config/app-config.js';
import { AppError } from '../../../core/errors/app-error.js';
import { consentChange } from '../consent-rules.js';
import { consentEventId } from '../consent-event-id.js';
import { ConsentsRepository, type ConsentRecord } from '../consents.repository.js';
import { toSubscriptionState } from '../outputs/subscription-state.output.js';
import { reportedDecisions } from '../subscribe-result.js';
import { TemplatesService } from '../templates/templates.service.js';

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly templates: TemplatesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records what tt.requestSubscribeMessage reported for the caller, and returns the caller's
   * state for the templates asked for. The template set is checked against the registry as the
   * platform checks it (known ids, one kind), so a tampered or stale client is refused whole.
   */
  async record(caller: AuthContext, request: TSubscriptionRequest): Promise<TSubscriptionState[]> {
    const templates = new Map((await this.templates.findMany(caller.appId, request.templateIds)).map((t) => [t.templateId, t]));
    const unknown = request.templateIds.filter((id) => !templates.has(id));
    if (unknown.length > 0) {
      throw new AppError('TEMPLATE_UNKNOWN', `Not a subscription template of this app: ${unknown.join(', ')}`, { templateIds: unknown });
    }
    if (new Set([...templates.values()].map((t) => t.kind)).size > 1) {
      throw new AppError('TEMPLATE_KINDS_MIXED', 'One-time and long-term templates cannot be asked for in one call');
    }
    const decisions = reportedDecisions(request.result, request.templateIds).map((decision) => ({
      eventId: consentEventId(caller.userId, request.requestId, decision.templateId),
      templateId: decision.templateId,
      change: consentChange(decision, templates.get(decision.templateId)!.kind),
    }));
    const limit = this.config.subscriptions.creditLimit;
    const outcome = await this.consents.recordDecisions(caller.userId, decisions, this.clock.now(), limit);
    if (typeof outcome === 'object') {
      throw new AppError(
        'SUBSCRIPTION_CREDIT_LIMIT',
        `The user already holds ${limit} unsent one-time credits for ${outcome.creditLimit}: nothing was recorded`,
        { limit, templateId: outcome.creditLimit },
      );
    }
    if (outcome === 'request-id-reused') {
      throw new AppError(
        'CONFLICT',
        'This requestId was already posted with a different result: make a new requestId per tt.requestSubscribeMessage call',
      );
    }
    return this.states(caller, await this.consents.listForUser(caller.userId, request.templateIds));
  }

  /** The caller's current state for every template they decided on. */
  async list(caller: AuthContext): Promise<TSubscriptionState[]> {
    return this.states(caller, await this.consents.listForUser(caller.userId));
  }

  private async states(caller: AuthContext, consents: ConsentRecord[]): Promise<TSubscriptionState[]> {
    const templates = new Map(
      (
        await this.templates.findMany(
          caller.appId,
          consents.map((c) => c.templateId),
        )
      ).map((t) => [t.templateId, t]),
    );
    // Every consent was recorded against the caller's app's registry, which never loses rows.
    return consents.flatMap((consent) => {
      const template = templates.get(consent.templateId);
      return template ? [toSubscriptionState(consent, template)] : [];
    });
  }
}
