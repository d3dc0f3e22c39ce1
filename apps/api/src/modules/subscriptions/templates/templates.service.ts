import { Injectable } from '@nestjs/common';
import type { TTemplate } from '@douyin-kit/contracts';
import { TemplateSeeder } from './template-seeder.js';
import { toTemplateOutput } from './template.output.js';
import { TemplatesRepository, type TemplateRecord } from './templates.repository.js';

/** Reads of the registry that must see the configured templates, even right after boot. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly seeder: TemplateSeeder,
  ) {}

  async list(appId: string): Promise<TTemplate[]> {
    await this.seeder.ensureSeeded();
    return (await this.templates.listForApp(appId)).map(toTemplateOutput);
  }

  async findMany(appId: string, templateIds: readonly string[]): Promise<TemplateRecord[]> {
    await this.seeder.ensureSeeded();
    return this.templates.findMany(appId, templateIds);
  }
}
