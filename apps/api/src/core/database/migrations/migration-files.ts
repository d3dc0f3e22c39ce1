import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `apps/api/prisma/migrations`, from both `src/core/database/migrations` and `dist/core/database/migrations`. */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../../prisma/migrations');

export interface MigrationFile {
  /** The folder name, e.g. `20261121050000_init`: what Prisma records as migration_name. */
  name: string;
  sql: string;
  /** Hex SHA-256 of the file's bytes: the checksum Prisma records and compares. */
  checksum: string;
}

/** Reads Prisma's migration layout: one folder per migration holding `migration.sql`, in name order. */
export function readMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}
