import * as z from 'zod/mini';

/** What POST /webhooks/douyin answers: the challenge echoed for verify_webhook, else nothing. */
export const ZWebhookResponse = z.object({
  challenge: z.optional(z.union([z.number(), z.string()])),
});
export type TWebhookResponse = z.infer<typeof ZWebhookResponse>;
