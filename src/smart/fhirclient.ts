import BrowserAdapterExport from 'fhirclient/lib/adapters/BrowserAdapter';
import type { fhirclient } from 'fhirclient/lib/types';

/**
 * The adapter class, whichever way CommonJS interop hands it over. The module sets
 * `exports.default = BrowserAdapter` with `__esModule`. Vite's production build treats our
 * ESM (`"type": "module"`) like Node does and gives `module.exports` for the default
 * import, so the class is at `.default`; vitest unwraps `__esModule` and gives the class.
 * Measured: without this the built launch page failed with "A.default is not a
 * constructor" while every unit test passed.
 */
export function interopDefault<T>(imported: T): T {
  return (imported as { default?: T }).default ?? imported;
}

const BrowserAdapter = interopDefault(BrowserAdapterExport);

/**
 * fhirclient's SMART API over a fresh browser adapter.
 *
 * Why not the default export of `fhirclient/lib/entry/browser`: that entry builds one
 * adapter when first imported, and the adapter caches `location` on first use, so any
 * later call (a second test, a bfcache restore) would read a stale URL. The adapter module
 * is the browser implementation that entry wraps, so importing it also avoids the Node
 * entry that vitest would otherwise resolve (docs/stack-notes.md, fhirclient).
 */
export function smartApi(): fhirclient.SMART {
  return new BrowserAdapter({
    // sessionStorage holds the state under SMART_KEY; the URL loses `code` and `state`.
    fullSessionStorageSupport: true,
    replaceBrowserHistory: true,
    // A public client identifies itself on refresh (RFC 6749 §6 with §3.2.1); fhirclient
    // leaves client_id out unless told, and the authorisation server then refuses.
    refreshTokenWithClientId: true,
  }).getSmartApi();
}
