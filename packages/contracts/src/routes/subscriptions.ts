import type { RouteContract } from '../route.js';
import { ZSubscriptionRequest, ZSubscriptionStateList, ZTemplateList } from '../subscriptions.js';

/** 200 with the caller's state for the templates asked for; a retried post changes nothing. */
export const record = {
  method: 'POST',
  path: '/me/subscriptions',
  auth: 'user',
  summary: 'Record the result of tt.requestSubscribeMessage (legacy map or templateSettings)',
  body: ZSubscriptionRequest,
  response: ZSubscriptionStateList,
  status: 200,
  errors: [
    'UNAUTHENTICATED',
    'VALIDATION_FAILED',
    'TEMPLATE_UNKNOWN',
    'TEMPLATE_KINDS_MIXED',
    'CONFLICT',
    'SUBSCRIPTION_CREDIT_LIMIT',
    'RATE_LIMITED',
  ],
} as const satisfies RouteContract;

export const list = {
  method: 'GET',
  path: '/me/subscriptions',
  auth: 'user',
  summary: "The calling user's subscription state per template",
  response: ZSubscriptionStateList,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;

export const templates = {
  method: 'GET',
  path: '/templates',
  auth: 'user',
  summary: "The app's subscription templates (what a subscribe page may ask for)",
  response: ZTemplateList,
  status: 200,
  errors: ['UNAUTHENTICATED'],
} as const satisfies RouteContract;
