import { DEFAULT_DEV_SEED } from '@douyin-kit/douyin-emulator';
import { AppConfig, parseEnv } from './app-config.js';
import { DEV_SUBSCRIPTION_TEMPLATES } from './subscription-templates.config.js';

const BASE = { DATABASE_URL: 'postgresql://app:pw@db:5432/app', DOUYIN_APP_ID: 'tt0123456789abcdef', DOUYIN_APP_SECRET: 's' };
const templatesOf = (env: Record<string, string>) => new AppConfig(parseEnv({ ...BASE, ...env })).subscriptions.templates;

describe('SUBSCRIPTION_TEMPLATES', () => {
  it("matches the emulator's dev seed, so `pnpm dev` can subscribe to and send them", () => {
    const seeded = DEFAULT_DEV_SEED.templates!.map((t) => ({
      appid: t.appid,
      templateId: t.templateId,
      title: t.title,
      kind: t.kind,
      keywords: t.keywords ?? [],
    }));
    expect(
      DEV_SUBSCRIPTION_TEMPLATES.map((t) => ({
        appid: DEFAULT_DEV_SEED.apps![0]!.appid,
        templateId: t.templateId,
        title: t.title,
        kind: t.kind,
        keywords: t.keywords,
      })),
    ).toEqual(seeded);
  });

  it("defaults to the emulator's dev templates in development on the emulator's dev app only", () => {
    const devApp = { DOUYIN_APP_ID: 'tt_emulator_dev_app' };
    expect(templatesOf(devApp).map((t) => [t.templateId, t.kind, t.api])).toEqual([
      ['MSG_ONE_TIME_DEV', 'one_time', 'v2'],
      ['MSG_LONG_TERM_DEV', 'long_term', 'v1'],
    ]);
    expect(templatesOf({})).toEqual([]);
    expect(templatesOf({ ...devApp, NODE_ENV: 'test' })).toEqual([]);
    expect(templatesOf({ NODE_ENV: 'test', SUBSCRIPTION_TEMPLATES: '  ' })).toEqual([]);
  });

  it('parses a JSON array, keywords optional', () => {
    const raw = JSON.stringify([
      { templateId: 'MSG1', title: 'Order shipped', kind: 'one_time', api: 'v2', keywords: ['Order', 'Carrier'] },
      { templateId: 'MSG2', title: 'Notice', kind: 'long_term', api: 'v1' },
    ]);
    expect(templatesOf({ SUBSCRIPTION_TEMPLATES: raw })).toEqual([
      { templateId: 'MSG1', title: 'Order shipped', kind: 'one_time', api: 'v2', keywords: ['Order', 'Carrier'], notifyTypes: [2] },
      { templateId: 'MSG2', title: 'Notice', kind: 'long_term', api: 'v1', keywords: [], notifyTypes: [] },
    ]);
  });

  it('defaults to v2 (v1 is legacy: only when asked for) and to the in-app inbox as notify_type', () => {
    const raw = JSON.stringify([
      { templateId: 'MSG1', title: 'T', kind: 'one_time' },
      { templateId: 'MSG2', title: 'T', kind: 'one_time', notifyTypes: [1, 2] },
      { templateId: 'MSG3', title: 'T', kind: 'long_term', api: 'v2', notifyTypes: [1] },
    ]);
    expect(templatesOf({ SUBSCRIPTION_TEMPLATES: raw }).map((t) => [t.templateId, t.api, t.notifyTypes])).toEqual([
      ['MSG1', 'v2', [2]],
      ['MSG2', 'v2', [1, 2]],
      ['MSG3', 'v2', [1]],
    ]);
  });

  it('refuses notify types v2 does not know, repeated or empty, and any on a v1 template', () => {
    const entry = { templateId: 'MSG1', title: 'T', kind: 'one_time' };
    for (const notifyTypes of [[3], [2, 2], [], ['2']]) {
      expect(() => templatesOf({ SUBSCRIPTION_TEMPLATES: JSON.stringify([{ ...entry, notifyTypes }]) })).toThrow(
        /SUBSCRIPTION_TEMPLATES\.0\.notifyTypes/,
      );
    }
    expect(() => templatesOf({ SUBSCRIPTION_TEMPLATES: JSON.stringify([{ ...entry, api: 'v1', notifyTypes: [2] }]) })).toThrow(
      /SUBSCRIPTION_TEMPLATES\.0\.notifyTypes: is a v2 capability/,
    );
  });

  it('names the variable and the bad entry', () => {
    const entry = { templateId: 'MSG1', title: 'T', kind: 'one_time', api: 'v2' };
    expect(() => templatesOf({ SUBSCRIPTION_TEMPLATES: '[{' })).toThrow(/SUBSCRIPTION_TEMPLATES: must be a JSON array/);
    expect(() => templatesOf({ SUBSCRIPTION_TEMPLATES: JSON.stringify([{ ...entry, kind: 'forever' }]) })).toThrow(/SUBSCRIPTION_TEMPLATES\.0\.kind/);
    expect(() => templatesOf({ SUBSCRIPTION_TEMPLATES: JSON.stringify([entry, entry]) })).toThrow(
      /SUBSCRIPTION_TEMPLATES: must not repeat a templateId/,
    );
    expect(() => templatesOf({ SUBSCRIPTION_TEMPLATES: JSON.stringify([{ ...entry, secret: 'x' }]) })).toThrow(/SUBSCRIPTION_TEMPLATES\.0/);
  });
});
