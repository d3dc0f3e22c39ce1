import { Body, Controller, Headers } from '@nestjs/common';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { Clock } from '../../clock/clock.js';
import { Route } from '../../contract/route.decorator.js';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { LoginRateLimit } from '../rate-limits.js';
import { LoginService } from '../services/login.service.js';
import { SessionsRepository } from '../sessions.repository.js';

@Controller()
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
  ) {}

  @Route(routes.auth.login)
  @LoginRateLimit()
  login(
    @Body() body: RouteBody<typeof routes.auth.login>,
    @Headers('user-agent') userAgent?: string,
  ): Promise<RouteResponse<typeof routes.auth.login>> {
    return this.logins.login(body, userAgent);
  }

  @Route(routes.auth.logout)
  async logout(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.auth.logout>> {
    await this.sessions.revoke(caller.sessionId, this.clock.now());
    return { revoked: true };
  }
}
