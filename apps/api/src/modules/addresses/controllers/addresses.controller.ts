import { Body, Controller, Param } from '@nestjs/common';
import { routes, type RouteBody, type RouteParams, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { AddressesService } from '../services/addresses.service.js';

@Controller()
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  /** 200 with the stored address, new or the existing duplicate: saving is idempotent. */
  @Route(routes.addresses.save)
  save(@Caller() caller: AuthContext, @Body() body: RouteBody<typeof routes.addresses.save>): Promise<RouteResponse<typeof routes.addresses.save>> {
    return this.addresses.save(caller.userId, body);
  }

  @Route(routes.addresses.list)
  async list(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.addresses.list>> {
    return { addresses: await this.addresses.list(caller.userId) };
  }

  @Route(routes.addresses.remove)
  delete(@Caller() caller: AuthContext, @Param() params: RouteParams<typeof routes.addresses.remove>): Promise<void> {
    return this.addresses.delete(caller.userId, params.id);
  }
}
