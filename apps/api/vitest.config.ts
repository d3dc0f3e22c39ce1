import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Unit specs (`*.spec.ts`) sit next to the code; `*.e2e-spec.ts` run the real app against a
 * real PostgreSQL: global setup creates one database for this run (on DATABASE_URL's server,
 * or on a throwaway embedded server), migrates it, and drops it at the end.
 */
export default defineConfig({
  // Vitest's default transform (esbuild) drops decorator metadata, which Nest's DI needs.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: true,
    include: ['src/**/*.spec.ts', 'src/**/*.e2e-spec.ts', 'test/**/*.spec.ts', 'tools/**/*.spec.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/worker-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { NODE_ENV: 'test' },
  },
});
