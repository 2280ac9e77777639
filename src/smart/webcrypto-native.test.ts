import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config';

/** Loaded as fhirclient loads `isomorphic-webcrypto` (lib/security/browser.js): required, then `.default`. */
const shim = createRequire(import.meta.url)('./webcrypto-native.cjs') as { default: Crypto | undefined };

describe('isomorphic-webcrypto in the browser build', () => {
  it('is the browser’s own Web Crypto, not a shim', () => {
    expect(shim.default).toBe(globalThis.crypto);
    expect(typeof shim.default?.subtle.digest).toBe('function'); // what PKCE's S256 challenge needs (RFC 7636 §4.2)
  });

  it('is what the build resolves `isomorphic-webcrypto` to', () => {
    const alias = (viteConfig({ command: 'build', mode: 'production' }).resolve?.alias ?? {}) as Record<string, string>;
    expect(alias['isomorphic-webcrypto']).toMatch(/src\/smart\/webcrypto-native\.cjs$/);
  });
});
