import { defineConfig } from 'vitest/config';

/**
 * Every test starts a real emulator in-process on a free port and talks to it over HTTP (so
 * all of them are `*.e2e-spec.ts`): no HTTP mocking, so the tests exercise the same surface the
 * client package uses. Unit specs, should a unit need one, sit next to the code (`*.spec.ts`).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
