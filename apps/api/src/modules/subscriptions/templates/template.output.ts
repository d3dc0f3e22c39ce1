import type { TTemplate } from '@douyin-kit/contracts';
import type { TemplateRecord } from './templates.repository.js';

/**
 * The registry's internal fields (row id, notify API, notify_type) are the server's business:
 * how a message travels is decided at send time, and nothing in the mini-program depends on it.
 */
export function toTemplateOutput(template: TemplateRecord): TTemplate {
  return { templateId: template.templateId, title: template.title, kind: template.kind, keywords: template.keywords };
}
