import { Body, Controller, Headers, Post } from '@nestjs/common';
import { ZLoginRequest, ZLoginResponse, ZLogoutResponse, type TLoginRequest, type TLoginResponse, type TLogoutResponse } from '@douyin-kit/contracts';
import { Clock } from '../../clock/clock.js';
import { Contract } from '../../contract/contract.decorator.js';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { LoginRateLimit } from '../rate-limits.js';
import { LoginService } from '../services/login.service.js';
import { SessionsRepository } from '../sessions.repository.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
  ) {}

  @Post('login')
  @LoginRateLimit()
  @Contract({
    summary: 'Exchange the codes from tt.login for a session',
    auth: 'public',
    body: ZLoginRequest,
    response: ZLoginResponse,
    errors: ['VALIDATION_FAILED', 'LOGIN_CODE_INVALID', 'ANONYMOUS_CODE_INVALID', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', 'DATABASE_UNAVAILABLE'],
  })
  login(@Body() body: TLoginRequest, @Headers('user-agent') userAgent?: string): Promise<TLoginResponse> {
    return this.logins.login(body, userAgent);
  }

  @Post('logout')
  @Contract({ summary: 'Revoke the calling session', response: ZLogoutResponse, errors: ['UNAUTHENTICATED'] })
  async logout(@Caller() caller: AuthContext): Promise<TLogoutResponse> {
    await this.sessions.revoke(caller.sessionId, this.clock.now());
    return { revoked: true };
  }
}
