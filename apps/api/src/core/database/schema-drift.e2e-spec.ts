import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { inject } from 'vitest';
import { createScratchDatabase } from '../../../test/scratch-database.js';
import { findSchemaDrift, loadDatamodel } from '../../../tools/schema-drift.js';
import { MIGRATIONS_DIR, readMigrationFiles } from './migrations/migration-files.js';
import { runMigrations } from './migrations/migration-runner.js';

const SCHEMA = resolve(import.meta.dirname, '../../../prisma/schema.prisma');

async function driftOf(url: string, schemaPath = SCHEMA): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await findSchemaDrift(loadDatamodel(schemaPath), client);
  } finally {
    await client.end();
  }
}

/**
 * The migrations are hand-written SQL (Prisma's schema engine cannot run offline), so this
 * is what keeps them honest: the database they produce must match schema.prisma exactly.
 */
describe('schema drift', () => {
  it('the migrated test database matches schema.prisma', async () => {
    expect(await driftOf(inject('databaseUrl'))).toEqual([]);
  });

  describe('the check itself', () => {
    const temp: string[] = [];
    afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const tempDir = (prefix: string) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      temp.push(dir);
      return dir;
    };

    it('fails when a migration loses a column', async () => {
      const dir = tempDir('migrations-');
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const [init] = readMigrationFiles(dir);
      const file = join(dir, init!.name, 'migration.sql');
      const edited = readFileSync(file, 'utf8').replace(/^\s*"nickname" VARCHAR\(128\),\n/m, '');
      expect(edited).not.toBe(init!.sql);
      writeFileSync(file, edited);

      const db = await createScratchDatabase('drift');
      try {
        await runMigrations({ connectionString: db.url, dir });
        expect(await driftOf(db.url)).toEqual(['column users.nickname is missing']);
      } finally {
        await db.drop();
      }
    });

    it('fails when the schema gains a model, a field or an index without a migration', async () => {
      const schemaPath = join(tempDir('schema-'), 'schema.prisma');
      const schema = readFileSync(SCHEMA, 'utf8')
        .replace('  nickname           String?', '  referrer String? @db.VarChar(64)\n  nickname           String?')
        .replace('  @@index([phoneHash])', '  @@index([phoneHash])\n  @@index([createdAt])')
        .concat('\nmodel AuditLog {\n  id Int @id @default(autoincrement())\n  @@map("audit_logs")\n}\n');
      writeFileSync(schemaPath, schema);

      expect(await driftOf(inject('databaseUrl'), schemaPath)).toEqual([
        'column users.referrer is missing',
        'table audit_logs (model AuditLog) is missing',
        'users: index (created_at) is missing',
      ]);
    });

    it('notices a changed type, nullability, default and foreign key action', async () => {
      const db = await createScratchDatabase('drift');
      try {
        await runMigrations({ connectionString: db.url });
        const client = new Client({ connectionString: db.url });
        await client.connect();
        await client.query(`
          ALTER TABLE users ALTER COLUMN city TYPE VARCHAR(10);
          ALTER TABLE users ALTER COLUMN app_id DROP NOT NULL;
          ALTER TABLE subscription_consents ALTER COLUMN credits SET DEFAULT 1;
          ALTER TABLE devices DROP CONSTRAINT devices_user_id_fkey;
          ALTER TABLE devices ADD CONSTRAINT devices_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL;
          CREATE TABLE stray (id int);`);
        await client.end();
        expect(await driftOf(db.url)).toEqual([
          'column subscription_consents.credits: expected default 0, found 1',
          'column users.app_id: expected NOT NULL',
          'column users.city: expected type character varying(64), found character varying(10)',
          'devices: foreign key (user_id -> users(id) on delete Cascade on update Cascade) is missing',
          'devices: foreign key (user_id -> users(id) on delete SetNull on update NoAction) exists but is not in the schema',
          'table stray exists but no model maps to it',
        ]);
      } finally {
        await db.drop();
      }
    });
  });
});
