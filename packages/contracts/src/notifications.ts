import * as z from 'zod/mini';
import { ZTemplateId } from './subscriptions.js';

/** Longest keyword value accepted; Douyin does not document one, templates show short texts. */
export const MAX_NOTIFICATION_VALUE_LENGTH = 256;

/** Who receives the message: our user id, or the user's openid in this app. */
export const ZNotificationRecipient = z.union([
  z.strictObject({ id: z.uuid() }),
  z.strictObject({ openId: z.string().check(z.minLength(1), z.maxLength(128)) }),
]);
export type TNotificationRecipient = z.infer<typeof ZNotificationRecipient>;

/**
 * `POST /admin/notifications`: queue one subscription message. `data` must carry exactly the
 * template's keyword labels. The same `idempotencyKey` (per app) never queues a second message:
 * a retry of the same request answers the first one; another payload under it answers 409.
 */
export const ZSendNotificationRequest = z.object({
  user: ZNotificationRecipient,
  templateId: ZTemplateId,
  /** Keyword label → plain text, e.g. `{"物品名称": "耳机"}`. */
  data: z.record(
    z.string().check(z.minLength(1), z.maxLength(64)),
    z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NOTIFICATION_VALUE_LENGTH)),
  ),
  /** Mini-program page (with query) opened when the user taps the message. */
  page: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  /** Chosen by the caller, e.g. `order-42-shipped`. */
  idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 of A-Z a-z 0-9 . _ : -')),
});
export type TSendNotificationRequest = z.infer<typeof ZSendNotificationRequest>;

/**
 * queued → sending → sent; `failed`: Douyin refused it (nothing delivered, a one-time credit
 * is given back); `dead`: given up after retries, or the outcome of an attempt is unknown
 * (`lastErrorCode` OUTCOME_UNKNOWN: it may have been delivered, so it is never re-sent).
 */
export const ZNotificationStatus = z.enum(['queued', 'sending', 'sent', 'failed', 'dead']);
export type TNotificationStatus = z.infer<typeof ZNotificationStatus>;

export const ZNotification = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  templateId: z.string(),
  idempotencyKey: z.string(),
  status: ZNotificationStatus,
  /** Send attempts made so far. */
  attempts: z.int(),
  /** Douyin's kind or number of the last failure (e.g. `rate_limited`, `1008`), or ours. */
  lastErrorCode: z.nullable(z.string()),
  lastError: z.nullable(z.string()),
  /** Douyin's log_id of the last call, for support tickets. */
  lastLogId: z.nullable(z.string()),
  sentAt: z.nullable(z.iso.datetime()),
  createdAt: z.iso.datetime(),
});
export type TNotification = z.infer<typeof ZNotification>;

/** `GET /admin/notifications/:id`. */
export const ZNotificationIdParams = z.object({ id: z.uuid() });
export type TNotificationIdParams = z.infer<typeof ZNotificationIdParams>;
