import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'browser-code',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}', 'launch/**/*.test.ts'],
          setupFiles: ['src/testing/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'sandbox',
          environment: 'node',
          // Playwright's *.spec.ts under e2e/ are not vitest's.
          include: ['mocks/**/*.test.ts', 'scripts/**/*.test.ts', 'build/**/*.test.ts', 'server/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
