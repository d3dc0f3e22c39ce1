import { Module } from '@nestjs/common';
import { SessionPayloadModule } from '../session-payload/session-payload.module.js';
import { ProfileController } from './controllers/profile.controller.js';
import { ProfileRepository } from './profile.repository.js';
import { ProfileService } from './services/profile.service.js';

@Module({
  imports: [SessionPayloadModule],
  controllers: [ProfileController],
  providers: [ProfileService, ProfileRepository],
})
export class ProfileModule {}
