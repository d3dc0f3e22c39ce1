import { Injectable } from '@nestjs/common';
import type { TReadyResponse } from '@douyin-kit/contracts';
import { PrismaService } from '../../../core/database/prisma.service.js';
import { readMigrationFiles } from '../../../core/database/migrations/migration-files.js';
import { AppError } from '../../../core/errors/app-error.js';
import { PrivacyAgreementService } from './privacy-agreement.service.js';

/** How long a readiness probe waits for the database before calling it unreachable. */
const DATABASE_TIMEOUT_MS = 2000;

@Injectable()
export class ReadinessService {
  /** The migrations this build ships, read once: the files do not change under a running process. */
  private readonly expectedMigrations = readMigrationFiles().map((file) => file.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly privacyAgreement: PrivacyAgreementService,
  ) {}

  /**
   * Ready when the database answers and every shipped migration is applied. The privacy
   * agreement is a detail, whatever its state.
   */
  async check(): Promise<TReadyResponse> {
    let applied: Set<string>;
    try {
      applied = await withTimeout(this.appliedMigrations(), DATABASE_TIMEOUT_MS);
    } catch {
      throw new AppError('NOT_READY', 'Database is unreachable', {
        checks: { database: 'failing', migrations: 'failing' },
      });
    }
    const pending = this.expectedMigrations.filter((name) => !applied.has(name));
    if (pending.length > 0) {
      throw new AppError('NOT_READY', 'Database migrations are pending (run `pnpm db:migrate`)', {
        checks: { database: 'ok', migrations: 'failing' },
        pendingMigrations: pending,
      });
    }
    return {
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
      details: { douyinPrivacyAgreement: this.privacyAgreement.current() },
    };
  }

  private async appliedMigrations(): Promise<Set<string>> {
    const exists = await this.prisma.$queryRaw<{ present: boolean }[]>`
      SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`;
    if (!exists[0]?.present) return new Set();
    const rows = await this.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return new Set(rows.map((row) => row.migration_name));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
