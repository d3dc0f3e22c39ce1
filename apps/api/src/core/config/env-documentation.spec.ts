import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV_KEYS } from './app-config.js';

/**
 * `.env.example` is the list of every setting, and docker-compose.yml passes settings to the
 * production containers by name: both must follow the config schema, or a new variable would be
 * undocumented, or silently never reach a container.
 */
const ROOT = resolve(import.meta.dirname, '../../../../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

/** Documented in .env.example but read by other programs than the API, and by whom. */
const NOT_READ_BY_THE_API: Record<string, string> = {
  DOUYIN_EMULATOR_PORT: 'pnpm dev, pnpm emulator, the compose demo profile',
  DEV_POSTGRES_DIR: 'pnpm dev, pnpm db:migrate and pnpm db:reset-dev (apps/api/tools/dev-database.ts)',
  DEV_POSTGRES_PORT: 'pnpm dev and pnpm db:migrate (apps/api/tools/dev-database.ts)',
  DEV_H5_PORT: 'pnpm dev (scripts/dev.mjs) and the mini-program build config',
  DEV_VERBOSE: 'pnpm dev (scripts/dev.mjs)',
  API_URL: 'the notify CLI (scripts/notify.ts)',
  MIGRATE_WITH: 'pnpm db:migrate (scripts/migrate.ts)',
  PRISMA_SCHEMA_ENGINE_BINARY: 'pnpm db:migrate and the Prisma CLI',
  TARO_APP_ID: 'the mini-program build',
  TARO_APP_API_BASE: 'the mini-program build',
  TMA_TOKEN: 'the mini-program preview and upload scripts (tt-ide-cli)',
  POSTGRES_PASSWORD: 'docker-compose.yml',
  API_BIND: 'docker-compose.yml',
};

/** Names set (`NAME=…`) or shown commented out (`# NAME=…`) at the start of a line. */
function documentedNames(envFile: string): string[] {
  return [...envFile.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
}

describe('.env.example', () => {
  const names = documentedNames(read('.env.example'));

  it('documents every variable of the config schema', () => {
    expect(ENV_KEYS.filter((key) => !names.includes(key))).toEqual([]);
  });

  it('documents nothing that nobody reads, and each variable once', () => {
    const known = new Set<string>([...ENV_KEYS, ...Object.keys(NOT_READ_BY_THE_API)]);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  it('hands every variable of the config schema to the containers', () => {
    const compose = read('docker-compose.yml');
    const missing = ENV_KEYS.filter((key) => !new RegExp(`^\\s+${key}:`, 'm').test(compose));
    expect(missing).toEqual([]);
  });
});
