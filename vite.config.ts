import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nhsukAssets } from './build/nhsuk-assets';
import { prefetchAppFromLaunch } from './build/prefetch-app';
import { recordViewCompileHints } from './build/compile-hints';
import { appSourceTexts, pruneNhsukCss, usedNhsukClasses } from './build/prune-nhsuk-css';

/**
 * Three entries: the app (index.html, the SMART redirect URI), the launch page
 * (launch/index.html, the SMART launch URL; no React in it) and the sign-in callback for
 * regional endpoints (auth-callback/index.html; no React either).
 */
export default defineConfig(({ command }) => ({
  // nhsukAssets: no remote fonts, the NHS icons and favicon served from the build (build/nhsuk-assets.ts).
  // prefetchAppFromLaunch: index.html preloads its dynamically imported app chunk, and the
  // launch page fetches the viewer's scripts for later (build/prefetch-app.ts).
  // recordViewCompileHints: the record view's chunks, loaded while the permission question
  // shows, are compiled whole as they load (build/compile-hints.ts).
  plugins: [
    react(),
    nhsukAssets(),
    prefetchAppFromLaunch(),
    recordViewCompileHints({
      root: import.meta.dirname,
      hinted: ['src/app/merged-record.tsx', 'src/features/results/index.ts', 'src/features/documents/index.ts'],
      upFront: ['src/app/bootstrap.tsx'],
    }),
  ],
  // At build, the NHS stylesheet keeps only rules whose nhsuk-* classes the app's sources
  // write (build/prune-nhsuk-css.ts); the dev server keeps it whole.
  css:
    command === 'build'
      ? { postcss: { plugins: [pruneNhsukCss({ used: usedNhsukClasses(appSourceTexts(import.meta.dirname)), only: /\/src\/app\/nhsuk\.scss$/ })] } }
      : {},
  define: {
    // fhirclient tests `typeof FHIRCLIENT_PURE` to skip its cross-fetch polyfill in the
    // browser bundle (~3 kB gz). Kept out of vitest.config.ts on purpose: under test it
    // would capture fetch before MSW patches it.
    FHIRCLIENT_PURE: 'true',
  },
  resolve: {
    // fhirclient's `debug` logs token responses and the Authorization header whenever
    // localStorage.debug is set: a no-op replaces it in the build (src/smart/debug-noop.cjs).
    // isomorphic-webcrypto: fhirclient's shims for browsers without Web Crypto give way to the
    // browser's own (src/smart/webcrypto-native.cjs).
    alias: {
      debug: resolve(import.meta.dirname, 'src/smart/debug-noop.cjs'),
      'isomorphic-webcrypto': resolve(import.meta.dirname, 'src/smart/webcrypto-native.cjs'),
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // No data: URLs: images are files under the app's own origin (img-src 'self').
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
    // No modulepreload polyfill (every supported browser preloads modules itself): one request
    // fewer on each page, so the launch page's own files and the app page it loads ahead
    // (docs/adr/0010) fit in the six connections a browser opens to one HTTP/1.1 server.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch/index.html'),
        authCallback: resolve(import.meta.dirname, 'auth-callback/index.html'),
      },
    },
  },
}));
