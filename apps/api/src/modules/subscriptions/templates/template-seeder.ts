import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config.js';
import { TemplatesRepository } from './templates.repository.js';

/** Waits between failed attempts at boot: the database may come up after the API. */
const RETRY_DELAYS_MS = [1_000, 5_000, 15_000, 60_000];

/**
 * Writes the configured templates into the registry. The API boots while the database is down
 * (readiness says so), so seeding never blocks or fails the boot: it starts at bootstrap and
 * retries in the background, and routes that read the registry await `ensureSeeded()` first.
 */
@Injectable()
export class TemplateSeeder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Templates');
  private seeded: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly templates: TemplatesRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.attempt(0);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** Resolves once the registry holds the configured templates; a failed seed is tried again. */
  ensureSeeded(): Promise<void> {
    this.seeded ??= this.seed().catch((error: unknown) => {
      this.seeded = undefined;
      throw error;
    });
    return this.seeded;
  }

  private attempt(failures: number): void {
    this.ensureSeeded().catch((error: unknown) => {
      if (this.stopped) return;
      const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!;
      this.logger.warn(`Could not seed subscription templates (${(error as Error).message}); retrying in ${delay / 1000} s`);
      this.retry = setTimeout(() => this.attempt(failures + 1), delay).unref();
    });
  }

  private async seed(): Promise<void> {
    const { templates } = this.config.subscriptions;
    if (templates.length === 0) return;
    await this.templates.upsertConfigured(this.config.douyin.appId, templates);
    this.logger.log(
      `Subscription templates seeded: ${templates.map((t) => `${t.templateId} (${t.kind}, ${t.api}${t.notifyTypes.length ? ` notify_type ${t.notifyTypes.join('+')}` : ''})`).join(', ')}`,
    );
  }
}
