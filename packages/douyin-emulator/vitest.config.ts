import { defineConfig } from 'vitest/config';

/**
 * Every test starts a real emulator in-process on a free port and talks to it over HTTP:
 * no HTTP mocking, so the tests exercise the same surface the client package uses.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
