import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards, UseInterceptors } from '@nestjs/common';
import { DouyinWebhookChallengeInterceptor } from './webhook-challenge.interceptor.js';
import { readWebhookEnvelope, type WebhookEnvelope } from './webhook-envelope.js';
import { DouyinWebhookGuard } from './webhook.guard.js';

/**
 * Marks a route as Douyin's webhook: the raw-body signature is checked (DouyinWebhookGuard, 401
 * otherwise) and verify_webhook is answered with its challenge (DouyinWebhookChallengeInterceptor);
 * the handler sees every other signed push.
 */
export const DouyinWebhook = (): MethodDecorator & ClassDecorator =>
  applyDecorators(UseGuards(DouyinWebhookGuard), UseInterceptors(DouyinWebhookChallengeInterceptor));

/** The push's envelope (readWebhookEnvelope of the body): undefined for a body that is not an event. */
export const WebhookEvent = createParamDecorator((_: unknown, context: ExecutionContext): WebhookEnvelope | undefined =>
  readWebhookEnvelope(context.switchToHttp().getRequest<{ body?: unknown }>().body),
);
