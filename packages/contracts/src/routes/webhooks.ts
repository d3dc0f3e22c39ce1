import type { RouteContract } from '../route.js';
import { ZWebhookResponse } from '../webhooks.js';

/**
 * Douyin's event push (console → 开发配置 → Webhooks). Called by Douyin, never by the
 * mini-program: the body is checked against `X-Douyin-Signature` on its raw bytes, so the
 * contract declares no body schema. 200 `{challenge}` for verify_webhook, 200 `{}` once an event
 * is stored (or was already: Msg-Id dedupes retries).
 */
export const douyin = {
  method: 'POST',
  path: '/webhooks/douyin',
  auth: 'public',
  summary: "Douyin's signed event push (verify_webhook, user_subscribe_action, send_push_failed_event)",
  response: ZWebhookResponse,
  status: 200,
  errors: ['WEBHOOK_SIGNATURE_INVALID', 'VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'DATABASE_UNAVAILABLE'],
} as const satisfies RouteContract;
