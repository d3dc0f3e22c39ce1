import { defineConfig } from 'vitest/config';

/**
 * `unit`: the pure parts (`src/**\/*.spec.ts`). `e2e`: packs every publishable package once
 * (global setup), lints each tarball with publint, then installs and runs each consumer project
 * against the tarballs, two at a time.
 */
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          globalSetup: ['test/pack-tarballs.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 5 * 60_000,
          maxConcurrency: 2,
        },
      },
    ],
  },
});
