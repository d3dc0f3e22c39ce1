import { Controller } from '@nestjs/common';
import { routes, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../../core/http/auth-context.js';
import { Route } from '../../../core/contract/route.decorator.js';
import { TemplatesService } from './templates.service.js';

@Controller()
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Route(routes.subscriptions.templates)
  async list(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.subscriptions.templates>> {
    return { templates: await this.templates.list(caller.appId) };
  }
}
