import { ZNotification, ZNotificationIdParams, ZSendNotificationRequest } from '../notifications.js';
import type { RouteContract } from '../route.js';

// Operators and back-end systems send subscription messages here (admin key, no user session).

/** 201 when queued now; 200 with the first message when the idempotencyKey was seen before. */
export const send = {
  method: 'POST',
  path: '/admin/notifications',
  auth: 'admin',
  summary: 'Queue a subscription message for a user',
  body: ZSendNotificationRequest,
  response: ZNotification,
  status: 201,
  errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'TEMPLATE_UNKNOWN', 'NOT_FOUND', 'NOT_SUBSCRIBED', 'CONFLICT'],
} as const satisfies RouteContract;

export const get = {
  method: 'GET',
  path: '/admin/notifications/:id',
  auth: 'admin',
  summary: 'Delivery status of a subscription message',
  params: ZNotificationIdParams,
  response: ZNotification,
  status: 200,
  errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'NOT_FOUND'],
} as const satisfies RouteContract;
