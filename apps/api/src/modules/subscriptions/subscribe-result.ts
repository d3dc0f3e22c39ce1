import type { TConsentStatus, TReminderWay, TSubscribeResult } from '@douyin-kit/contracts';

/** One template's outcome from a tt.requestSubscribeMessage result, whichever shape it came in. */
export interface ReportedDecision {
  templateId: string;
  status: TConsentStatus;
  /** Undefined when the result did not say (the legacy map never does). */
  alwaysSubscribe?: boolean;
  /** `allowReminderWay`; undefined when the result did not say. */
  reminderWays?: TReminderWay[];
}

const NOT_TEMPLATE_IDS = new Set(['errMsg', 'templateSettings']);

/**
 * Turns the legacy map (`{errMsg, "<id>": status}`), `templateSettings` (3.35.0+), or both into
 * one list, a template once, in the order the result lists them. Where both shapes report a
 * template, `templateSettings` wins: it is the newer, richer report (it alone carries repeat
 * and limit). Templates neither shape reports (not ticked) are absent.
 */
export function reportedDecisions(result: TSubscribeResult): ReportedDecision[] {
  const decisions = new Map<string, ReportedDecision>();
  for (const [templateId, status] of Object.entries(result)) {
    if (!NOT_TEMPLATE_IDS.has(templateId)) decisions.set(templateId, { templateId, status: status as TConsentStatus });
  }
  for (const [templateId, setting] of Object.entries(result.templateSettings ?? {})) {
    decisions.set(templateId, {
      templateId,
      status: setting.status,
      ...(setting.alwaysSubscribe === undefined ? {} : { alwaysSubscribe: setting.alwaysSubscribe }),
      ...(setting.allowReminderWay === undefined ? {} : { reminderWays: setting.allowReminderWay }),
    });
  }
  return [...decisions.values()];
}
