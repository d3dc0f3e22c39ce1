import { ZTemplateId, ZTemplateKind } from '@douyin-kit/contracts';
import { z } from 'zod';

/** One entry of SUBSCRIPTION_TEMPLATES: a template from the Douyin console. */
const ZConfiguredTemplate = z.strictObject({
  templateId: ZTemplateId,
  title: z.string().trim().min(1).max(128),
  kind: ZTemplateKind,
  /** Which notify API sends it: v1 (legacy, app access token) or v2 (notify_user, client_token). */
  api: z.enum(['v1', 'v2']),
  keywords: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
});
export type ConfiguredTemplate = z.infer<typeof ZConfiguredTemplate>;

/** SUBSCRIPTION_TEMPLATES: a JSON array of templates, ids unique; unset or blank is undefined. */
export const ZSubscriptionTemplatesEnv = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw?.trim()) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {templateId, title, kind, api, keywords}' });
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
 * senders: v2 for the one-time template (the current API, the common case), v1 for the other.
 */
export const DEV_SUBSCRIPTION_TEMPLATES: readonly ConfiguredTemplate[] = [
  { templateId: 'MSG_ONE_TIME_DEV', title: '订单发货通知', kind: 'one_time', api: 'v2', keywords: [] },
  { templateId: 'MSG_LONG_TERM_DEV', title: '服务进度提醒', kind: 'long_term', api: 'v1', keywords: [] },
];

/**
 * Templates when SUBSCRIPTION_TEMPLATES is unset: the dev templates for development on the
 * emulator's dev app (zero configuration), none otherwise: a real app's templates exist only in
 * its Douyin console, and fake ids there would only fail in tt.requestSubscribeMessage.
 */
export function defaultSubscriptionTemplates(nodeEnv: string, appId: string): readonly ConfiguredTemplate[] {
  return nodeEnv === 'development' && appId === EMULATOR_DEV_APP_ID ? DEV_SUBSCRIPTION_TEMPLATES : [];
}
