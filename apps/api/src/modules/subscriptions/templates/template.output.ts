import type { TTemplate } from '@douyin-kit/contracts';
import type { TemplateRecord } from './templates.repository.js';

/** The registry's internal fields (row id, notify API) are the server's business. */
export function toTemplateOutput(template: TemplateRecord): TTemplate {
  return { templateId: template.templateId, title: template.title, kind: template.kind, keywords: template.keywords };
}
