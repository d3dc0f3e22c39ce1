import { Body, Controller } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { DevicesService } from '../services/devices.service.js';

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  /**
   * 200 whether the device is new or known: the client does the same thing either way. A user
   * keeps at most MAX_DEVICES_PER_USER devices; a new one beyond that replaces the least
   * recently seen.
   */
  @Route(routes.devices.report)
  report(@Caller() caller: AuthContext, @Body() body: RouteBody<typeof routes.devices.report>): Promise<RouteResponse<typeof routes.devices.report>> {
    return this.devices.report(caller.userId, body);
  }

  @Route(routes.devices.list)
  async list(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.devices.list>> {
    return { devices: await this.devices.list(caller.userId) };
  }
}
