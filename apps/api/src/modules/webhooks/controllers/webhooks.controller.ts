import { Controller, Req } from '@nestjs/common';
import { routes, type RouteResponse } from '@douyin-kit/contracts';
import { DouyinWebhook } from '@douyin-kit/nestjs';
import type { FastifyRequest } from 'fastify';
import { Route } from '../../../core/contract/route.decorator.js';
import { KeepRawBody } from '../../../core/http/raw-body.js';
import { WebhooksService } from '../services/webhooks.service.js';

/** Douyin's pushes are small (a few hundred bytes); this bounds what an unsigned caller can send. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;

@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Route(routes.webhooks.douyin)
  @KeepRawBody(WEBHOOK_BODY_LIMIT_BYTES)
  // The signature on the raw bytes (401 WEBHOOK_SIGNATURE_INVALID, nothing stored) and the
  // verify_webhook challenge are answered by @douyin-kit/nestjs before this handler runs.
  @DouyinWebhook()
  receive(@Req() request: FastifyRequest): Promise<RouteResponse<typeof routes.webhooks.douyin>> {
    const { headers } = request;
    return this.webhooks.receive({ rawBody: request.rawBody!, body: request.body, msgId: headers['msg-id'], requestId: request.id });
  }
}
