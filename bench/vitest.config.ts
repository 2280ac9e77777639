import { defineConfig } from 'vitest/config';

/** The benchmark's own tests (not part of `npm test`): `npx vitest run --config bench/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    environment: 'node',
    include: ['**/*.test.ts'],
  },
});
