import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './controllers/auth.controller.js';
import { RateLimitGuard, RateLimitModule } from './rate-limits.js';
import { LoginService } from './services/login.service.js';
import { LogoutService } from './services/logout.service.js';
import { SessionGuard } from './session.guard.js';
import { SessionKeys } from './session-keys.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [UsersModule, RateLimitModule],
  controllers: [AuthController],
  // Global guards run in this order: the rate limits before any session or admin key check.
  providers: [
    LoginService,
    LogoutService,
    SessionsRepository,
    SessionKeys,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [SessionsRepository, SessionKeys],
})
export class AuthModule {}
