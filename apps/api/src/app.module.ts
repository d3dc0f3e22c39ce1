import { Module } from '@nestjs/common';
import { AddressesModule } from './modules/addresses/addresses.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { ClockModule } from './core/clock/clock.js';
import { AppConfigModule } from './core/config/config.module.js';
import { CryptoModule } from './core/crypto/crypto.module.js';
import { DatabaseModule } from './core/database/database.module.js';
import { DevicesModule } from './modules/devices/devices.module.js';
import { DouyinModule } from './core/douyin/douyin.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { HttpDrain } from './core/lifecycle/http-drain.js';
import { LocationModule } from './modules/location/location.module.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OpenApiModule } from './core/openapi/openapi.module.js';
import { PhoneModule } from './modules/phone/phone.module.js';
import { ProfileModule } from './modules/profile/profile.module.js';
import { RetentionModule } from './modules/retention/retention.module.js';
import { SubscriptionsModule } from './modules/subscriptions/subscriptions.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';

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
    WebhooksModule,
    OpenApiModule,
  ],
  // HttpDrain sits in the root module because its shutdown hooks must run before any other's.
  providers: [HttpDrain],
})
export class AppModule {}
