/**
 * `pnpm db:migrate`: applies prisma/migrations to DATABASE_URL (or to the embedded dev
 * database when nothing is configured), by the best path this machine has:
 * - `prisma migrate deploy` when Prisma's schema engine binary is present (production images);
 * - otherwise the offline runner, which records migrations exactly as Prisma does, so the
 *   database can later be taken over by `prisma migrate deploy`.
 * MIGRATE_WITH=prisma|offline forces a path.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runMigrations } from '../src/core/database/migrations/migration-runner.js';
import { loadRootEnv, openDevDatabase } from '../tools/dev-database.js';

function schemaEngineAvailable(): boolean {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return true;
  try {
    const fromPrisma = createRequire(createRequire(import.meta.url).resolve('prisma/package.json'));
    const enginesDir = dirname(fromPrisma.resolve('@prisma/engines/package.json'));
    return readdirSync(enginesDir).some((file) => file.startsWith('schema-engine-'));
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  loadRootEnv();
  const forced = process.env.MIGRATE_WITH;
  if (forced && forced !== 'prisma' && forced !== 'offline') throw new Error('MIGRATE_WITH must be prisma or offline');
  const db = await openDevDatabase();
  try {
    if (forced === 'prisma' || (!forced && schemaEngineAvailable())) {
      console.log(`Migrating ${db.server.description} with prisma migrate deploy`);
      const result = spawnSync('pnpm', ['exec', 'prisma', 'migrate', 'deploy'], {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: db.url },
      });
      if (result.status !== 0) throw new Error('prisma migrate deploy failed');
      return;
    }
    console.log(`Migrating ${db.server.description} with the offline runner`);
    const result = await runMigrations({ connectionString: db.url, log: (line) => console.log(`  ${line}`) });
    console.log(
      result.applied.length
        ? `Applied ${result.applied.length} migration(s).`
        : `Nothing to apply: all ${result.alreadyApplied.length} migration(s) already applied.`,
    );
  } finally {
    await db.server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
