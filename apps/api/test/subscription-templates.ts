import { randomUUID } from 'node:crypto';
import type { ApiUser } from './api-user.js';
import { emulator } from './emulator.js';

export interface TestTemplate {
  templateId: string;
  title: string;
  kind: 'one_time' | 'long_term';
  api: 'v1' | 'v2';
  keywords: string[];
}

/**
 * Templates of this test file only (the run's app id is shared by every file, so ids carry a
 * random suffix), registered on the emulator (the Douyin console side). Start the app with
 * `env` so its registry holds them too.
 */
export async function registerTestTemplates(
  specs: Record<string, Pick<TestTemplate, 'kind'> & Partial<TestTemplate>>,
): Promise<{ ids: Record<string, string>; templates: TestTemplate[]; env: { SUBSCRIPTION_TEMPLATES: string } }> {
  const suffix = randomUUID().slice(0, 8);
  const templates = Object.entries(specs).map(([name, spec]) => ({
    templateId: `MSG_${name.toUpperCase()}_${suffix}`,
    title: `Test ${name}`,
    api: 'v2' as const,
    keywords: ['Item', 'Time'],
    ...spec,
  }));
  for (const t of templates) {
    await emulator.client.createTemplate({ appid: emulator.appId, templateId: t.templateId, title: t.title, kind: t.kind, keywords: t.keywords });
  }
  return {
    ids: Object.fromEntries(Object.keys(specs).map((name, i) => [name, templates[i]!.templateId])),
    templates,
    env: { SUBSCRIPTION_TEMPLATES: JSON.stringify(templates) },
  };
}

export type Decision = 'accept' | 'reject' | 'ban' | 'fail';

/**
 * The user's tap through tt.requestSubscribeMessage on the emulator: both result shapes, as
 * the platform returns them (`legacy` for clients before 3.35.0, plus `templateSettings` after).
 */
export async function tapSubscribe(
  user: ApiUser,
  tmplIds: string[],
  options: { decisions?: Record<string, Decision>; alwaysSubscribe?: boolean } = {},
): Promise<{ legacy: Record<string, string>; withSettings: Record<string, unknown>; android: Record<string, unknown> }> {
  const { legacy, templateSettings, itemSettings } = await emulator.client.subscribe({
    appid: emulator.appId,
    userId: user.douyinUserId,
    tmplIds,
    ...options,
  });
  // android: a real Android device's answer, itemSettings beside the legacy keys (the seed's sample).
  return { legacy, withSettings: { ...legacy, templateSettings }, android: { ...legacy, itemSettings } };
}
