import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers: `unit` (`*.spec.ts`: real Nest testing modules, real crypto against fixtures, no
 * sockets) and `e2e` (`test/**\/*.e2e-spec.ts`: a Nest app over HTTP, the emulator started
 * in-process). `vitest run` runs both; `--project unit` or `--project e2e` one.
 */
export default defineConfig({
  // Vitest's default transform (esbuild) drops decorator metadata, which Nest's DI needs.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e-spec.ts'] } },
    ],
  },
});
