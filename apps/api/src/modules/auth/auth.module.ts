import { Module } from '@nestjs/common';
import { ROUTE_GATES } from '../../core/contract/route-pipeline.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './controllers/auth.controller.js';
import { RateLimits } from './rate-limits.js';
import { LoginService } from './services/login.service.js';
import { LogoutService } from './services/logout.service.js';
import { SessionGuard } from './session.guard.js';
import { SessionKeys } from './session-keys.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    LoginService,
    LogoutService,
    SessionsRepository,
    SessionKeys,
    RateLimits,
    SessionGuard,
    // Every route's gates, in this order: the rate limits before any session or admin key check.
    { provide: ROUTE_GATES, inject: [RateLimits, SessionGuard], useFactory: (limits: RateLimits, sessions: SessionGuard) => [limits, sessions] },
  ],
  exports: [SessionsRepository, SessionKeys, ROUTE_GATES],
})
export class AuthModule {}
