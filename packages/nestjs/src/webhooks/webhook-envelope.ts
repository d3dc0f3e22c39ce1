/**
 * One push as Douyin describes it: `{event, client_key, from_user_id, content, log_id}`, where
 * `content` is a JSON object serialized as a string (the verify_webhook example shows a plain
 * object). Read tolerantly: a field of the wrong type is absent, never an exception.
 */
export interface WebhookEnvelope {
  event: string;
  clientKey: string | undefined;
  fromUserId: string | undefined;
  /** `content` as it came, re-serialized only when it was an object. */
  contentText: string | undefined;
  content: Record<string, unknown>;
  logId: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.length <= max ? value : undefined);

/** undefined: not an object with a string `event` (nothing Douyin sends). */
export function readWebhookEnvelope(body: unknown): WebhookEnvelope | undefined {
  if (!isRecord(body)) return undefined;
  const event = str(body.event, 64);
  if (!event) return undefined;
  const raw = body.content;
  let content: Record<string, unknown> = {};
  let contentText: string | undefined;
  if (typeof raw === 'string') {
    contentText = raw;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isRecord(parsed)) content = parsed;
    } catch {
      // Kept as text: a stored event shows what came.
    }
  } else if (isRecord(raw)) {
    content = raw;
    contentText = JSON.stringify(raw);
  }
  return {
    event,
    clientKey: str(body.client_key, 64),
    fromUserId: str(body.from_user_id, 128),
    contentText,
    content,
    logId: str(body.log_id, 128),
  };
}

/** The verify_webhook challenge to echo: a number (the docs' example) or a short string. */
export function webhookChallengeOf(envelope: WebhookEnvelope): number | string | undefined {
  const challenge = envelope.content.challenge;
  if (typeof challenge === 'number' && Number.isFinite(challenge)) return challenge;
  return str(challenge, 256);
}

/** user_subscribe_action content: `{msg_id (template id), subscribe_action 1–4, time}`. */
export function subscribeActionOf(content: Record<string, unknown>): { templateId: string; action: 1 | 2 | 3 | 4; at?: Date } | undefined {
  const templateId = str(content.msg_id, 128);
  const action = Number(content.subscribe_action);
  if (!templateId || ![1, 2, 3, 4].includes(action)) return undefined;
  return { templateId, action: action as 1 | 2 | 3 | 4, ...timeOf(content) };
}

/** send_push_failed_event content: `{msg_id (template id), reason, time}`. */
export function reachFailureOf(content: Record<string, unknown>): { templateId: string; reason: number; at?: Date } | undefined {
  const templateId = str(content.msg_id, 128);
  // The docs' table says `Reason`, their example `reason`.
  const reason = Number(content.reason ?? content.Reason);
  if (!templateId || !Number.isInteger(reason) || Math.abs(reason) > 2 ** 31 - 1) return undefined;
  return { templateId, reason, ...timeOf(content) };
}

/** `time` in seconds since the epoch, when it is one. */
function timeOf(content: Record<string, unknown>): { at?: Date } {
  const seconds = Number(content.time);
  return Number.isInteger(seconds) && seconds > 0 && seconds < 1e11 ? { at: new Date(seconds * 1000) } : {};
}
