import { Body, Controller, Get, Post } from '@nestjs/common';
import { ZSubscriptionRequest, ZSubscriptionStateList, type TSubscriptionRequest, type TSubscriptionStateList } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { SubscriptionsService } from '../services/subscriptions.service.js';

@Controller('me/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** 200 with the caller's state for the templates asked for; a retried post changes nothing. */
  @Post()
  @Contract({
    summary: 'Record the result of tt.requestSubscribeMessage (legacy map or templateSettings)',
    body: ZSubscriptionRequest,
    response: ZSubscriptionStateList,
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED', 'TEMPLATE_UNKNOWN', 'TEMPLATE_KINDS_MIXED', 'CONFLICT'],
  })
  async record(@Caller() caller: AuthContext, @Body() body: TSubscriptionRequest): Promise<TSubscriptionStateList> {
    return { subscriptions: await this.subscriptions.record(caller, body) };
  }

  @Get()
  @Contract({ summary: "The calling user's subscription state per template", response: ZSubscriptionStateList, errors: ['UNAUTHENTICATED'] })
  async list(@Caller() caller: AuthContext): Promise<TSubscriptionStateList> {
    return { subscriptions: await this.subscriptions.list(caller) };
  }
}
