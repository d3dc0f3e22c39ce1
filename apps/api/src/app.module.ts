import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AddressesModule } from './addresses/addresses.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.js';
import { AppConfigModule } from './config/config.module.js';
import { ContractInterceptor } from './contract/contract.interceptor.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { DouyinModule } from './douyin/douyin.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpDrain } from './lifecycle/http-drain.js';
import { LocationModule } from './location/location.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OpenApiModule } from './openapi/openapi.module.js';
import { PhoneModule } from './phone/phone.module.js';
import { ProfileModule } from './profile/profile.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { UsersModule } from './users/users.module.js';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ClockModule,
    CryptoModule,
    DatabaseModule,
    DouyinModule,
    HealthModule,
    AuthModule,
    UsersModule,
    ProfileModule,
    PhoneModule,
    DevicesModule,
    AddressesModule,
    LocationModule,
    SubscriptionsModule,
    NotificationsModule,
    RetentionModule,
    OpenApiModule,
  ],
  // HttpDrain sits in the root module because its shutdown hooks must run before any other's.
  providers: [{ provide: APP_INTERCEPTOR, useClass: ContractInterceptor }, HttpDrain],
})
export class AppModule {}
