import { Module } from '@nestjs/common';
import { TemplatesController } from './templates.controller.js';
import { TemplateSeeder } from './template-seeder.js';
import { TemplatesRepository } from './templates.repository.js';
import { TemplatesService } from './templates.service.js';

/**
 * The template registry (`subscription_templates`): the subscription templates each app may
 * ask users to subscribe to and send, upserted from SUBSCRIPTION_TEMPLATES at boot (the
 * emulator's dev templates in development). `GET /templates` lists the caller's app's ones.
 * Other modules import it for `TemplatesRepository.findOne` and `TemplatesService`.
 */
@Module({
  controllers: [TemplatesController],
  providers: [TemplatesRepository, TemplateSeeder, TemplatesService],
  exports: [TemplatesRepository, TemplatesService],
})
export class TemplatesModule {}
