import { Body, Controller, Param, Req } from '@nestjs/common';
import { routes, type RouteBody, type RouteParams, type RouteResponse } from '@douyin-kit/contracts';
import type { FastifyRequest } from 'fastify';
import { Route, setSuccessStatus } from '../../../core/contract/route.decorator.js';
import { NotificationsService } from '../services/notifications.service.js';

/** Operators and back-end systems send subscription messages here (admin key, no user session). */
@Controller()
export class AdminNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** 201 when queued now; 200 with the first message when the idempotencyKey was seen before. */
  @Route(routes.notifications.send)
  async send(
    @Body() body: RouteBody<typeof routes.notifications.send>,
    @Req() request: FastifyRequest,
  ): Promise<RouteResponse<typeof routes.notifications.send>> {
    const { created, notification } = await this.notifications.send(body);
    if (!created) setSuccessStatus(request, 200);
    return notification;
  }

  @Route(routes.notifications.get)
  get(@Param() params: RouteParams<typeof routes.notifications.get>): Promise<RouteResponse<typeof routes.notifications.get>> {
    return this.notifications.get(params.id);
  }
}
