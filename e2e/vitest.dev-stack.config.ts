import { defineConfig } from 'vitest/config';

/** `pnpm test:dev-stack`: runs `pnpm dev` itself, so no global stack and not part of `pnpm test`. */
export default defineConfig({
  test: {
    include: ['dev-stack/**/*.test.ts'],
    globals: false,
    // Two full starts of the stack (builds included) on a shared machine.
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
