import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Three entries: the app (index.html, the SMART redirect URI), the launch page
 * (launch/index.html, the SMART launch URL; no React in it) and the sign-in callback for
 * regional endpoints (auth-callback/index.html; no React either).
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // fhirclient's `debug` logs token responses and the Authorization header whenever
      // localStorage.debug is set: a no-op replaces it in the build (src/smart/debug-noop.cjs).
      debug: resolve(import.meta.dirname, 'src/smart/debug-noop.cjs'),
    },
  },
  define: {
    // fhirclient tests `typeof FHIRCLIENT_PURE` to skip its cross-fetch polyfill in the
    // browser bundle (~3 kB gz). Kept out of vitest.config.ts on purpose: under test it
    // would capture fetch before MSW patches it.
    FHIRCLIENT_PURE: 'true',
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch/index.html'),
        authCallback: resolve(import.meta.dirname, 'auth-callback/index.html'),
      },
    },
  },
});
