import { defineConfig } from 'vitest/config';

/**
 * Two tiers: `unit` (`*.spec.ts`: one unit, no sockets) and `e2e` (`test/**\/*.e2e-spec.ts`:
 * the client against the real emulator, started in-process, or local sockets, over real HTTP; PostgresTokenStore
 * against a real PostgreSQL, test/postgres-setup.ts).
 * `vitest run` runs both; `--project unit` or `--project e2e` one.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e-spec.ts'], globalSetup: ['test/postgres-setup.ts'] } },
    ],
  },
});
