import { Module } from '@nestjs/common';
import { SessionPayloadModule } from '../session-payload/session-payload.module.js';
import { PhoneController } from './controllers/phone.controller.js';
import { PhoneRepository } from './phone.repository.js';
import { PhoneService } from './services/phone.service.js';

@Module({
  imports: [SessionPayloadModule],
  controllers: [PhoneController],
  providers: [PhoneService, PhoneRepository],
})
export class PhoneModule {}
