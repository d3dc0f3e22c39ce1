import { Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DouyinModule } from './douyin/douyin.module.js';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [AppConfigModule, DatabaseModule, DouyinModule, HealthModule],
})
export class AppModule {}
