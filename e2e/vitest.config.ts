import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.e2e-spec.ts'],
    globals: false,
    globalSetup: ['src/stack/global-setup.ts'],
    // Journeys wait on real HTTP, a real queue and a browser.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file runs in its own process: the tt bundle installs process-wide globals.
    pool: 'forks',
  },
});
