import { Module } from '@nestjs/common';
import { HealthController } from './controllers/health.controller.js';
import { PrivacyAgreementService } from './services/privacy-agreement.service.js';
import { ReadinessService } from './services/readiness.service.js';

@Module({
  controllers: [HealthController],
  providers: [ReadinessService, PrivacyAgreementService],
})
export class HealthModule {}
