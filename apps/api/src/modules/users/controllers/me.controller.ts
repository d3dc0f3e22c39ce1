import { Controller } from '@nestjs/common';
import { routes, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { MeService } from '../services/me.service.js';

@Controller()
export class MeController {
  constructor(private readonly users: MeService) {}

  @Route(routes.me.get)
  me(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.me.get>> {
    return this.users.get(caller);
  }
}
