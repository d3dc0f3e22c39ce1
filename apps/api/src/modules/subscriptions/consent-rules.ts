import type { TConsentStatus, TReminderWay, TTemplateKind } from '@douyin-kit/contracts';
import type { ReportedDecision } from './subscribe-result.js';

/** What a decision does to a one-time template's send credits. */
export type CreditChange = 'grant-one' | 'revoke-all' | 'keep';

/** How one reported decision changes the user's current consent for a template. */
export interface ConsentChange {
  status: TConsentStatus;
  /** From the registry, never from the client. */
  kind: TTemplateKind;
  /** Undefined: keep what is stored (false for a new row). */
  alwaysSubscribe?: boolean;
  /** Undefined: keep what is stored (none for a new row). */
  reminderWays?: TReminderWay[];
  credits: CreditChange;
  /**
   * False for outcomes that are not the user's decision about the template (fail: the popup
   * failed; repeat and limit: the platform granted nothing new). They are kept in the ledger and
   * start a state that does not exist yet, but never overwrite an accept, reject or ban: a
   * failed popup must not switch off a long-term subscription the user gave.
   */
  overwrites: boolean;
}

/**
 * The credit rules. accept: a one-time template gains one send (each accept on the platform
 * allows exactly one message); a long-term one needs no credits. reject: sends already granted
 * stay (each was a finished grant; the platform keeps them too). ban: the user blocked the
 * template, so no more messages at all: credits drop to zero. fail, repeat, limit: no change.
 */
export function consentChange(decision: ReportedDecision, kind: TTemplateKind): ConsentChange {
  const credits: CreditChange = decision.status === 'ban' ? 'revoke-all' : decision.status === 'accept' && kind === 'one_time' ? 'grant-one' : 'keep';
  return {
    status: decision.status,
    kind,
    ...(decision.alwaysSubscribe === undefined ? {} : { alwaysSubscribe: decision.alwaysSubscribe }),
    ...(decision.reminderWays === undefined ? {} : { reminderWays: decision.reminderWays }),
    credits,
    overwrites: decision.status === 'accept' || decision.status === 'reject' || decision.status === 'ban',
  };
}
