import { ZConsentStatus, ZReminderWay, type TConsentStatus, type TReminderWay, type TSubscribeResult } from '@douyin-kit/contracts';
import { z } from 'zod';

/** One template's outcome from a tt.requestSubscribeMessage result, whichever shape it came in. */
export interface ReportedDecision {
  templateId: string;
  status: TConsentStatus;
  /** Undefined when the result did not say (the legacy map and itemSettings never do). */
  alwaysSubscribe?: boolean;
  /** `allowReminderWay`; undefined when the result did not say. */
  reminderWays?: TReminderWay[];
}

const ZReminderWays = z.array(z.custom<TReminderWay>((way) => ZReminderWay.safeParse(way).success)).max(8);

const statusOf = (value: unknown): TConsentStatus | undefined => {
  const parsed = ZConsentStatus.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/** `map[id]` when `map` is a plain object that has `id` as its own key. */
const entryOf = (map: unknown, id: string): unknown =>
  typeof map === 'object' && map !== null && !Array.isArray(map) && Object.hasOwn(map, id) ? (map as Record<string, unknown>)[id] : undefined;

/** A templateSettings entry: its status decides; alwaysSubscribe and reminder ways only when well-formed. */
function fromTemplateSetting(templateId: string, setting: unknown): ReportedDecision | undefined {
  const status = statusOf(entryOf(setting, 'status'));
  if (!status) return undefined;
  const always = entryOf(setting, 'alwaysSubscribe');
  const ways = ZReminderWays.safeParse(entryOf(setting, 'allowReminderWay'));
  return {
    templateId,
    status,
    ...(typeof always === 'boolean' ? { alwaysSubscribe: always } : {}),
    ...(ways.success ? { reminderWays: ways.data } : {}),
  };
}

/**
 * The decisions a result reports for the templates asked for, one per template, in the order
 * of `templateIds`. Three shapes can carry a template's status; the first that reports a known
 * status wins:
 *
 * 1. `templateSettings[id].status` (3.35.0+): the richest report, and the only one that can say
 *    repeat or limit, alwaysSubscribe and the reminder ways.
 * 2. `itemSettings[id]` (real Android devices): the host's own per-template map, newer than the
 *    legacy keys it sits beside.
 * 3. the legacy key `id` itself: the oldest shape, the fallback every host still sends.
 *
 * Nothing else is read: keys that are not asked-for ids (errMsg, new fields, ids the app did not
 * ask for) and values that are not a known status are ignored, so no new field of a host makes
 * a real device's answer unrecordable. Templates none of the shapes reports are absent (not
 * ticked). Only `templateIds` (at most 3) are looked up, so the cost does not grow with the body.
 */
export function reportedDecisions(result: TSubscribeResult, templateIds: readonly string[]): ReportedDecision[] {
  return templateIds.flatMap((templateId) => {
    const fromSettings = fromTemplateSetting(templateId, entryOf(result.templateSettings, templateId));
    if (fromSettings) return [fromSettings];
    const status = statusOf(entryOf(result.itemSettings, templateId)) ?? statusOf(entryOf(result, templateId));
    return status ? [{ templateId, status }] : [];
  });
}
