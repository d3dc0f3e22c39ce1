import { ZTemplateId, ZTemplateKind } from '@douyin-kit/contracts';
import { z } from 'zod';

/** v2's `notify_type` values: 1 real-time alert (a template with that capability), 2 in-app inbox. */
const ZNotifyType = z.union([z.literal(1), z.literal(2)]);

/** What a v2 template sends as `notify_type` when the entry does not say: the in-app inbox. */
export const DEFAULT_NOTIFY_TYPES: readonly (1 | 2)[] = [2];

/** One entry of SUBSCRIPTION_TEMPLATES: a template from the Douyin console. */
const ZConfiguredTemplate = z
  .strictObject({
    templateId: ZTemplateId,
    title: z.string().trim().min(1).max(128),
    kind: ZTemplateKind,
    /**
     * Which notify API sends it: v2 (notify_user, client_token; the default) or v1 (the legacy
     * API Douyin announced offline from 2024-07-01, app access token), only when asked for.
     */
    api: z.enum(['v1', 'v2']).default('v2'),
    keywords: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
    /**
     * v2 only: the channels every send asks for (`notify_type`): 1 real-time alert (the template
     * needs that capability in the console, the user their opt-in), 2 in-app inbox. Default [2].
     */
    notifyTypes: z
      .array(ZNotifyType)
      .min(1)
      .max(2)
      .refine((types) => new Set(types).size === types.length, 'must not repeat a type')
      .optional(),
  })
  .superRefine((template, ctx) => {
    if (template.api === 'v1' && template.notifyTypes) {
      ctx.addIssue({ code: 'custom', path: ['notifyTypes'], message: 'is a v2 capability: v1 sends have no notify_type' });
    }
  })
  .transform(({ notifyTypes, ...template }) => ({
    ...template,
    notifyTypes: template.api === 'v2' ? (notifyTypes ?? [...DEFAULT_NOTIFY_TYPES]) : [],
  }));
export type ConfiguredTemplate = z.output<typeof ZConfiguredTemplate>;

/** SUBSCRIPTION_TEMPLATES: a JSON array of templates, ids unique; unset or blank is undefined. */
export const ZSubscriptionTemplatesEnv = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw?.trim()) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {templateId, title, kind, api?, keywords?, notifyTypes?}' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(ZConfiguredTemplate)
      .max(100)
      .refine((templates) => new Set(templates.map((t) => t.templateId)).size === templates.length, 'must not repeat a templateId')
      .optional(),
  );

/** The emulator's dev app (DEFAULT_DEV_SEED), which `pnpm dev` uses when no real app is configured. */
const EMULATOR_DEV_APP_ID = 'tt_emulator_dev_app';

/**
 * The emulator's dev templates (DEFAULT_DEV_SEED: same ids, titles and kinds, and no keywords,
 * so the emulator accepts any data labels). One per notify API, so a local run exercises both
 * senders: v2 for the one-time template (the current API, the default), v1 (legacy, opted into)
 * for the other.
 */
export const DEV_SUBSCRIPTION_TEMPLATES: readonly ConfiguredTemplate[] = [
  { templateId: 'MSG_ONE_TIME_DEV', title: '订单发货通知', kind: 'one_time', api: 'v2', keywords: [], notifyTypes: [2] },
  { templateId: 'MSG_LONG_TERM_DEV', title: '服务进度提醒', kind: 'long_term', api: 'v1', keywords: [], notifyTypes: [] },
];

/**
 * Templates when SUBSCRIPTION_TEMPLATES is unset: the dev templates for development on the
 * emulator's dev app (zero configuration), none otherwise: a real app's templates exist only in
 * its Douyin console, and fake ids there would only fail in tt.requestSubscribeMessage.
 */
export function defaultSubscriptionTemplates(nodeEnv: string, appId: string): readonly ConfiguredTemplate[] {
  return nodeEnv === 'development' && appId === EMULATOR_DEV_APP_ID ? DEV_SUBSCRIPTION_TEMPLATES : [];
}
