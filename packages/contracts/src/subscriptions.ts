import * as z from 'zod/mini';

/** tt.requestSubscribeMessage takes at most this many template ids per call. */
export const MAX_TEMPLATES_PER_SUBSCRIBE = 3;

/** Keys of the result map that are known not to be template ids. */
const RESULT_FIELDS = ['errMsg', 'templateSettings', 'itemSettings'] as const;

/**
 * At most this many keys in a result: three template ids and a few fields of the host's. The
 * bound is what makes the tolerance below safe to offer to a hostile body.
 */
export const MAX_SUBSCRIBE_RESULT_KEYS = 32;

/**
 * A template id as the Douyin console shows it (e.g. `MSG1620372787628412413584`): printable
 * ASCII without spaces, and never one of the result map's own keys.
 */
export const ZTemplateId = z.string().check(
  z.regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters without spaces'),
  z.refine((id) => !(RESULT_FIELDS as readonly string[]).includes(id), 'is reserved by the tt result'),
);

/** One-time: each accept allows one message. Long-term: an accept allows messages until revoked. */
export const ZTemplateKind = z.enum(['one_time', 'long_term']);
export type TTemplateKind = z.infer<typeof ZTemplateKind>;

/**
 * What tt.requestSubscribeMessage reported for one template. The legacy map carries accept,
 * reject, ban or fail; `templateSettings` (3.35.0+) adds repeat and limit.
 */
export const ZConsentStatus = z.enum(['accept', 'reject', 'ban', 'fail', 'repeat', 'limit']);
export type TConsentStatus = z.infer<typeof ZConsentStatus>;

/** A subscription template the app may ask the user to subscribe to. */
export const ZTemplate = z.object({
  templateId: z.string(),
  /** The title the subscribe popup shows. */
  title: z.string(),
  kind: ZTemplateKind,
  /** The keyword labels of the message body, in the template's order. */
  keywords: z.array(z.string()),
});
export type TTemplate = z.infer<typeof ZTemplate>;

/** `GET /templates`: the app's template registry. */
export const ZTemplateList = z.object({ templates: z.array(ZTemplate) });
export type TTemplateList = z.infer<typeof ZTemplateList>;

/** One entry of `allowReminderWay` (how the host may remind the user of a message). */
export const ZReminderWay = z.object({
  reminderType: z.string().check(z.maxLength(64)),
  reminderStatus: z.string().check(z.maxLength(64)),
});
export type TReminderWay = z.infer<typeof ZReminderWay>;

/** `templateSettings[id]` of a 3.35.0+ result; only templates the user ticked appear. */
export const ZTemplateSetting = z.object({
  status: ZConsentStatus,
  /** The user ticked "always keep this choice": later calls answer without a popup. */
  alwaysSubscribe: z.optional(z.boolean()),
  allowReminderWay: z.optional(z.array(ZReminderWay).check(z.maxLength(8))),
});
export type TTemplateSetting = z.infer<typeof ZTemplateSetting>;

/**
 * The success result of tt.requestSubscribeMessage, as is. Hosts answer in several shapes: the
 * legacy map `{errMsg, "<id>": status}`, `templateSettings` (3.35.0+), and on real Android
 * devices `itemSettings: {"<id>": status}` beside the legacy keys (docs/douyin-platform.md §7).
 * Only `errMsg` is checked here: every other key and value is accepted as it came, so a field a
 * host adds tomorrow never makes a real device's answer unrecordable. The API reads the
 * decisions for the templates asked for and ignores the rest. Bounded by key count and key length.
 */
export const ZSubscribeResult = z
  .catchall(
    z.object({
      /** `requestSubscribeMessage:ok`: a failed call decided nothing and is not posted. */
      errMsg: z.string().check(z.maxLength(256), z.regex(/:ok$/, 'must be the errMsg of a successful call (…:ok)')),
      /** `{[id]: {status, alwaysSubscribe?, allowReminderWay?}}` (3.35.0+); read tolerantly. */
      templateSettings: z.optional(z.unknown()),
      /** `{[id]: status}` (real Android devices); read tolerantly. */
      itemSettings: z.optional(z.unknown()),
    }),
    z.unknown(),
  )
  .check(
    z.refine((result) => Object.keys(result).length <= MAX_SUBSCRIBE_RESULT_KEYS, `must have at most ${MAX_SUBSCRIBE_RESULT_KEYS} keys`),
    z.refine((result) => Object.keys(result).every((key) => key.length <= 128), 'keys must be at most 128 characters'),
  );
export type TSubscribeResult = z.infer<typeof ZSubscribeResult>;

/**
 * `POST /me/subscriptions`: the ids the app asked for and what tt.requestSubscribeMessage
 * returned. Decisions are read for `templateIds` only; whatever else the result holds (another
 * id, a new field) is ignored. Templates the result does not report (the user did not tick them)
 * are left as they were.
 */
export const ZSubscriptionRequest = z.object({
  /**
   * Made by the client once per tt.requestSubscribeMessage call and sent again on a retry of
   * the same post (a UUID is fine): a retried post is recognised and grants nothing twice.
   */
  requestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 characters of A-Z a-z 0-9 _ -')),
  templateIds: z.array(ZTemplateId).check(
    z.minLength(1),
    z.maxLength(MAX_TEMPLATES_PER_SUBSCRIBE),
    z.refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
  ),
  result: ZSubscribeResult,
});
export type TSubscriptionRequest = z.infer<typeof ZSubscriptionRequest>;

/** The calling user's current state for one template. */
export const ZSubscriptionState = z.object({
  templateId: z.string(),
  title: z.string(),
  kind: ZTemplateKind,
  /**
   * The user's last accept, reject or ban. fail, repeat and limit (nothing decided or granted)
   * show only until the first such decision, and never replace one.
   */
  status: ZConsentStatus,
  alwaysSubscribe: z.boolean(),
  /** One-time templates: messages that may still be sent. Always 0 for long-term templates. */
  credits: z.int().check(z.gte(0)),
  /**
   * Douyin itself confirmed the current status (a user_subscribe_action webhook). False while only
   * the mini-program reported it; with webhooks on, such a consent is checked with Douyin before
   * a message is sent.
   */
  confirmed: z.boolean(),
  decidedAt: z.iso.datetime(),
});
export type TSubscriptionState = z.infer<typeof ZSubscriptionState>;

/** `GET /me/subscriptions` (every template the user decided on) and `POST` (the ones posted). */
export const ZSubscriptionStateList = z.object({ subscriptions: z.array(ZSubscriptionState) });
export type TSubscriptionStateList = z.infer<typeof ZSubscriptionStateList>;
