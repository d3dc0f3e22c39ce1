import { Body, Controller } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { LocationService } from '../services/location.service.js';

@Controller()
export class LocationController {
  constructor(private readonly locations: LocationService) {}

  @Route(routes.location.record)
  record(
    @Caller() caller: AuthContext,
    @Body() body: RouteBody<typeof routes.location.record>,
  ): Promise<RouteResponse<typeof routes.location.record>> {
    return this.locations.record(caller.userId, body);
  }

  @Route(routes.location.find)
  find(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.location.find>> {
    return this.locations.find(caller.userId);
  }
}
