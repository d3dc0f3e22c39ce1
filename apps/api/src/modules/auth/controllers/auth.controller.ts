import { Body, Controller, Headers } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Route } from '../../../core/contract/route.decorator.js';
import { Caller, RequestId, type AuthContext } from '../../../core/http/auth-context.js';
import { LoginRateLimit } from '../rate-limits.js';
import { LoginService } from '../services/login.service.js';
import { LogoutService } from '../services/logout.service.js';

@Controller()
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly logouts: LogoutService,
  ) {}

  @Route(routes.auth.login)
  @LoginRateLimit()
  login(
    @Body() body: RouteBody<typeof routes.auth.login>,
    @RequestId() requestId: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<RouteResponse<typeof routes.auth.login>> {
    return this.logins.login(body, { requestId, userAgent });
  }

  @Route(routes.auth.logout)
  logout(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.auth.logout>> {
    return this.logouts.logout(caller);
  }
}
