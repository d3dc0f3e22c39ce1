import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers, one naming rule. `unit` (`*.spec.ts`, next to the code): no database, no emulator,
 * seconds. `e2e` (`*.e2e-spec.ts`): the real app against a real PostgreSQL and the emulator over
 * HTTP; its global setup creates one database for the run (on DATABASE_URL's server, or on a
 * throwaway embedded server), migrates it, starts the emulator, and drops it all at the end.
 * `vitest run` runs both; `--project unit` or `--project e2e` one (Vitest runs a project's
 * global setup only when that project runs).
 */
export default defineConfig({
  // Vitest's default transform (esbuild) drops decorator metadata, which Nest's DI needs.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { NODE_ENV: 'test' },
    projects: [
      {
        extends: true,
        // One module graph per worker instead of one per file: importing Nest and the generated
        // Prisma client again for every file cost more than the tests. Unit specs keep no state
        // between files (no module mocks, no environment writes).
        test: { name: 'unit', include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'tools/**/*.spec.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['src/**/*.e2e-spec.ts', 'tools/**/*.e2e-spec.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/worker-env.ts'],
        },
      },
    ],
  },
});
