import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../core/database/prisma.service.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { ConfiguredTemplate } from '../../../core/config/subscription-templates.config.js';

/** What the API and its outputs need of a template; the row id and timestamps stay inside. */
const TEMPLATE_SELECT = {
  templateId: true,
  title: true,
  kind: true,
  api: true,
  keywords: true,
  notifyTypes: true,
} as const satisfies Prisma.SubscriptionTemplateSelect;

export type TemplateRecord = Prisma.SubscriptionTemplateGetPayload<{ select: typeof TEMPLATE_SELECT }>;

/** The template registry: the templates each app may ask users to subscribe to and send. */
@Injectable()
export class TemplatesRepository {
  constructor(private readonly prisma: PrismaService) {}

  findOne(appId: string, templateId: string): Promise<TemplateRecord | null> {
    return this.prisma.subscriptionTemplate.findUnique({
      where: { appId_templateId: { appId, templateId } },
      select: TEMPLATE_SELECT,
    });
  }

  /** The app's templates among `templateIds`; ids not in the registry are simply absent. */
  findMany(appId: string, templateIds: readonly string[]): Promise<TemplateRecord[]> {
    return this.prisma.subscriptionTemplate.findMany({
      where: { appId, templateId: { in: [...templateIds] } },
      select: TEMPLATE_SELECT,
    });
  }

  listForApp(appId: string): Promise<TemplateRecord[]> {
    return this.prisma.subscriptionTemplate.findMany({
      where: { appId },
      orderBy: { templateId: 'asc' },
      select: TEMPLATE_SELECT,
    });
  }

  /**
   * Creates or updates each configured template. One statement per template with ON CONFLICT,
   * so instances booting together never trip over each other's insert. Templates missing from
   * the configuration are kept: queued messages and consents may still name them.
   */
  async upsertConfigured(appId: string, templates: readonly ConfiguredTemplate[]): Promise<void> {
    await this.prisma.$transaction(
      templates.map(
        (t) => this.prisma.$executeRaw`
          INSERT INTO subscription_templates (app_id, template_id, title, kind, api, keywords, notify_types, updated_at)
          VALUES (${appId}, ${t.templateId}, ${t.title}, ${t.kind}::template_kind, ${t.api}::notify_api, ${t.keywords}::varchar[],
                  ${t.notifyTypes}::smallint[], now())
          ON CONFLICT (app_id, template_id) DO UPDATE
          SET title = EXCLUDED.title, kind = EXCLUDED.kind, api = EXCLUDED.api, keywords = EXCLUDED.keywords,
              notify_types = EXCLUDED.notify_types,
              updated_at = CASE
                WHEN (subscription_templates.title, subscription_templates.kind, subscription_templates.api, subscription_templates.keywords,
                      subscription_templates.notify_types)
                  IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.kind, EXCLUDED.api, EXCLUDED.keywords, EXCLUDED.notify_types)
                THEN now() ELSE subscription_templates.updated_at END`,
      ),
    );
  }
}
