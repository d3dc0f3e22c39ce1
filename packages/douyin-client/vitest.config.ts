import { defineConfig } from 'vitest/config';

/**
 * Unit specs (`src/**\/*.spec.ts`) sit next to the code; `test/**\/*.e2e-spec.ts` talk to the
 * real emulator (started in-process) over real HTTP.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
