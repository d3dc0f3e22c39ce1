import { Module } from '@nestjs/common';
import { HealthController } from './controllers/health.controller.js';
import { ReadinessService } from './services/readiness.service.js';

@Module({
  controllers: [HealthController],
  providers: [ReadinessService],
})
export class HealthModule {}
