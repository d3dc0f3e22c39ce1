import { AppConfig, parseEnv } from '../../../core/config/app-config.js';
import { TemplateSeeder } from './template-seeder.js';
import type { TemplatesRepository } from './templates.repository.js';

const config = new AppConfig(
  parseEnv({
    DATABASE_URL: 'postgresql://app:pw@db:5432/app',
    DOUYIN_APP_ID: 'tt_app',
    DOUYIN_APP_SECRET: 's',
    NODE_ENV: 'test',
    SUBSCRIPTION_TEMPLATES: JSON.stringify([{ templateId: 'MSG1', title: 'T', kind: 'one_time', api: 'v2' }]),
  }),
);

describe('TemplateSeeder', () => {
  it('never fails the boot: a failed seed is retried, and readers wait for a successful one', async () => {
    vi.useFakeTimers();
    try {
      const upsertConfigured = vi
        .fn()
        .mockRejectedValueOnce(new Error('database down'))
        .mockRejectedValueOnce(new Error('still down'))
        .mockResolvedValue(undefined);
      const seeder = new TemplateSeeder({ upsertConfigured } as unknown as TemplatesRepository, config);
      seeder.onApplicationBootstrap();
      await vi.advanceTimersByTimeAsync(0);
      expect(upsertConfigured).toHaveBeenCalledTimes(1);

      await expect(seeder.ensureSeeded()).rejects.toThrow('still down');
      await expect(seeder.ensureSeeded()).resolves.toBeUndefined();
      await seeder.ensureSeeded();
      expect(upsertConfigured).toHaveBeenCalledTimes(3);
      expect(upsertConfigured).toHaveBeenLastCalledWith('tt_app', config.subscriptions.templates);

      // The background retry finds the registry seeded and writes nothing more.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(upsertConfigured).toHaveBeenCalledTimes(3);
      seeder.onModuleDestroy();
    } finally {
      vi.useRealTimers();
    }
  });
});
