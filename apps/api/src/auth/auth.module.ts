import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './controllers/auth.controller.js';
import { LoginRateLimitModule } from './login-rate-limit.js';
import { LoginService } from './services/login.service.js';
import { SessionGuard } from './session.guard.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [UsersModule, LoginRateLimitModule],
  controllers: [AuthController],
  providers: [LoginService, SessionsRepository, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [SessionsRepository],
})
export class AuthModule {}
