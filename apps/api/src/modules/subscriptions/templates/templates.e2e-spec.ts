import { ZTemplateList, type TTemplate } from '@douyin-kit/contracts';
import { extraApps, startApp, type RunningApp } from '../../../../test/create-app.js';
import { signUp, sql, type ApiUser } from '../../../../test/api-user.js';
import { registerTestTemplates, type TestTemplate } from '../../../../test/subscription-templates.js';

let running: RunningApp;
let templates: TestTemplate[];
const others = extraApps();
beforeAll(async () => {
  const registered = await registerTestTemplates({
    shipped: { kind: 'one_time', title: 'Order shipped', keywords: ['Order number', 'Carrier'] },
    notice: { kind: 'long_term', api: 'v1', title: 'Service notice' },
  });
  templates = registered.templates;
  running = await startApp(registered.env);
});
afterAll(async () => {
  await others.closeAll();
  await running.close();
});

/** This file's templates as GET /templates shows them (other files register their own). */
async function listed(user: ApiUser): Promise<TTemplate[]> {
  const response = await user.request('GET', '/templates');
  expect(response.status).toBe(200);
  const mine = new Set(templates.map((t) => t.templateId));
  return ZTemplateList.parse(response.body).templates.filter((t) => mine.has(t.templateId));
}

describe('the registry defaults', () => {
  it('a template configured without api is sent through v2 with the in-app inbox; v1 only when asked for', async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const plain = { templateId: `MSG_PLAIN_${suffix}`, title: 'Plain', kind: 'one_time' };
    const alert = { templateId: `MSG_ALERT_${suffix}`, title: 'Alert', kind: 'long_term', notifyTypes: [1, 2] };
    const legacy = { templateId: `MSG_LEGACY_${suffix}`, title: 'Legacy', kind: 'long_term', api: 'v1' };
    const user = await signUp(await others.start({ SUBSCRIPTION_TEMPLATES: JSON.stringify([plain, alert, legacy]) }));
    expect((await user.request('GET', '/templates')).status).toBe(200); // answers once the registry is seeded
    const rows = await sql<{ template_id: string; api: string; notify_types: number[] }>(
      'SELECT template_id, api, notify_types FROM subscription_templates WHERE template_id LIKE $1 ORDER BY template_id',
      [`%_${suffix}`],
    );
    expect(rows).toEqual([
      { template_id: alert.templateId, api: 'v2', notify_types: [1, 2] },
      { template_id: legacy.templateId, api: 'v1', notify_types: [] },
      { template_id: plain.templateId, api: 'v2', notify_types: [2] },
    ]);
  });
});

const rowsOf = (templateId: string) =>
  sql<{ title: string; kind: string; api: string; keywords: string[] }>(
    'SELECT title, kind, api, keywords FROM subscription_templates WHERE template_id = $1',
    [templateId],
  );

describe('GET /templates', () => {
  it('lists the configured templates, without internal fields', async () => {
    const alice = await signUp(running);
    const response = await alice.request('GET', '/templates');
    const mine = (response.body.templates as Record<string, unknown>[]).filter((t) => templates.some((c) => c.templateId === t.templateId));
    expect(mine).toEqual(
      [
        { templateId: templates[1]!.templateId, title: 'Service notice', kind: 'long_term', keywords: ['Item', 'Time'] },
        { templateId: templates[0]!.templateId, title: 'Order shipped', kind: 'one_time', keywords: ['Order number', 'Carrier'] },
      ].sort((a, b) => a.templateId.localeCompare(b.templateId)),
    );
  });

  it('needs a session', async () => {
    expect((await fetch(`${running.baseUrl}/templates`)).status).toBe(401);
  });

  it('seeds idempotently: a reboot with changed config updates rows and keeps templates it no longer lists', async () => {
    const [shipped, notice] = templates as [TestTemplate, TestTemplate];
    const changed = { ...shipped, title: 'Order on its way', api: 'v1' as const, keywords: ['Order number'] };
    const rebooted = await others.start({ SUBSCRIPTION_TEMPLATES: JSON.stringify([changed]) });
    const bob = await signUp(rebooted);
    expect((await listed(bob)).map((t) => [t.templateId, t.title, t.keywords])).toEqual(
      [
        [changed.templateId, 'Order on its way', ['Order number']],
        [notice.templateId, 'Service notice', ['Item', 'Time']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await rowsOf(shipped.templateId)).toEqual([{ title: 'Order on its way', kind: 'one_time', api: 'v1', keywords: ['Order number'] }]);
    expect(await rowsOf(notice.templateId)).toHaveLength(1);
  });
});
