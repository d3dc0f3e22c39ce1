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
      { templateId: 'MSG1', title: 'Order shipped', kind: 'one_time', api: 'v2', keywords: ['Order', 'Carrier'] },
      { templateId: 'MSG2', title: 'Notice', kind: 'long_term', api: 'v1', keywords: [] },
    ]);
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
