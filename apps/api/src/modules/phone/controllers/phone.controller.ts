import { Body, Controller } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { PhoneService } from '../services/phone.service.js';

@Controller()
export class PhoneController {
  constructor(private readonly phones: PhoneService) {}

  @Route(routes.me.phone)
  save(@Caller() caller: AuthContext, @Body() body: RouteBody<typeof routes.me.phone>): Promise<RouteResponse<typeof routes.me.phone>> {
    return this.phones.save(caller, body);
  }
}
