import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.js';
import { AppConfigModule } from './config/config.module.js';
import { ContractInterceptor } from './contract/contract.interceptor.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DouyinModule } from './douyin/douyin.module.js';
import { HealthModule } from './health/health.module.js';
import { UsersModule } from './users/users.module.js';

@Module({
  imports: [AppConfigModule, ClockModule, CryptoModule, DatabaseModule, DouyinModule, HealthModule, AuthModule, UsersModule],
  providers: [{ provide: APP_INTERCEPTOR, useClass: ContractInterceptor }],
})
export class AppModule {}
