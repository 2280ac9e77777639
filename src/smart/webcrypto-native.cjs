/**
 * Stands in for `isomorphic-webcrypto` in the browser build (vite.config.ts `resolve.alias`).
 * fhirclient uses `globalThis.crypto` (Web Crypto, for the PKCE challenge and the state)
 * whenever the browser has it, and falls back to that package's shims for browsers
 * without it (old Safari, IE 11, React Native). Every browser the viewer supports has Web
 * Crypto, and PKCE without it must fail rather than run on a shim, so the fallback is the
 * browser's own object or nothing: about 3 kB (gzip) less in the first bundle.
 * CommonJS with the package's own shape (`require(...).default`), as fhirclient asks.
 */
'use strict';

module.exports = { default: globalThis.crypto };
