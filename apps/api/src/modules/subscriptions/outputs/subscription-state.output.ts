import type { TSubscriptionState } from '@douyin-kit/contracts';
import type { TemplateRecord } from '../templates/templates.repository.js';
import type { ConsentRecord } from '../consents.repository.js';

/** The kind shown is the registry's: the template's kind decides how it may be sent. */
export function toSubscriptionState(consent: ConsentRecord, template: TemplateRecord): TSubscriptionState {
  return {
    templateId: consent.templateId,
    title: template.title,
    kind: template.kind,
    status: consent.status,
    alwaysSubscribe: consent.alwaysSubscribe,
    credits: template.kind === 'one_time' ? consent.credits : 0,
    confirmed: consent.confirmed,
    decidedAt: consent.decidedAt.toISOString(),
  };
}
