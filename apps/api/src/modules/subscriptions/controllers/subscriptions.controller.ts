import { Body, Controller } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { SubscriptionRateLimit } from '../../auth/rate-limits.js';
import { SubscriptionsService } from '../services/subscriptions.service.js';

@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** 200 with the caller's state for the templates asked for; a retried post changes nothing. */
  @Route(routes.subscriptions.record)
  @SubscriptionRateLimit()
  async record(
    @Caller() caller: AuthContext,
    @Body() body: RouteBody<typeof routes.subscriptions.record>,
  ): Promise<RouteResponse<typeof routes.subscriptions.record>> {
    return { subscriptions: await this.subscriptions.record(caller, body) };
  }

  @Route(routes.subscriptions.list)
  async list(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.subscriptions.list>> {
    return { subscriptions: await this.subscriptions.list(caller) };
  }
}
