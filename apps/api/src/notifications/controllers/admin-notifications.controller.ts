import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import {
  ZNotification,
  ZNotificationIdParams,
  ZSendNotificationRequest,
  type TNotification,
  type TNotificationIdParams,
  type TSendNotificationRequest,
} from '@douyin-kit/contracts';
import type { FastifyRequest } from 'fastify';
import { Contract, setSuccessStatus } from '../../contract/contract.decorator.js';
import { NotificationsService } from '../services/notifications.service.js';

/** Operators and back-end systems send subscription messages here (admin key, no user session). */
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** 201 when queued now; 200 with the first message when the idempotencyKey was seen before. */
  @Post()
  @Contract({
    summary: 'Queue a subscription message for a user',
    auth: 'admin',
    body: ZSendNotificationRequest,
    response: ZNotification,
    status: 201,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'TEMPLATE_UNKNOWN', 'NOT_FOUND', 'NOT_SUBSCRIBED', 'CONFLICT'],
  })
  async send(@Body() body: TSendNotificationRequest, @Req() request: FastifyRequest): Promise<TNotification> {
    const { created, notification } = await this.notifications.send(body);
    if (!created) setSuccessStatus(request, 200);
    return notification;
  }

  @Get(':id')
  @Contract({
    summary: 'Delivery status of a subscription message',
    auth: 'admin',
    params: ZNotificationIdParams,
    response: ZNotification,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'NOT_FOUND'],
  })
  get(@Param() params: TNotificationIdParams): Promise<TNotification> {
    return this.notifications.get(params.id);
  }
}
