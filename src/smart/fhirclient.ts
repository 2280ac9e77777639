import BrowserAdapterExport from 'fhirclient/lib/adapters/BrowserAdapter';
import type { fhirclient } from 'fhirclient/lib/types';
import * as fhirclientLibExport from 'fhirclient/lib/lib';

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
const fhirclientLib = interopDefault(fhirclientLibExport as unknown as { getAndCache: (url: string, init?: RequestInit) => Promise<unknown> });

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

/**
 * A fetch for the launch's discovery that reads `.well-known/smart-configuration` through
 * fhirclient's own memo (lib `getAndCache`), so that `authorize()`, which reads the same
 * URL through that memo, does not ask the server a second time (one round trip fewer on
 * every launch). Anything else goes to `fetch` unchanged. An HTTP failure comes back as a
 * response with its status, so the caller still tells "unreachable" from the rest.
 */
export async function discoveryFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.endsWith('/.well-known/smart-configuration')) return fetch(input, init);
  try {
    const json: unknown = await fhirclientLib.getAndCache(url, init);
    return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
  } catch (e) {
    const status = (e as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status <= 599) return new Response(null, { status });
    throw e;
  }
}
