import { Body, Controller } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { ProfileService } from '../services/profile.service.js';

@Controller()
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Route(routes.me.profile)
  update(@Caller() caller: AuthContext, @Body() body: RouteBody<typeof routes.me.profile>): Promise<RouteResponse<typeof routes.me.profile>> {
    return this.profiles.update(caller, body);
  }
}
