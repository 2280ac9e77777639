import { createHash } from 'node:crypto';
import type { AppConfiguration } from '../src/config/types';
import { APP_AHEAD_FRAME_ID } from '../src/config/launch-match';

/**
 * The launch page's discovery, asked for while its scripts are still on their way
 * (docs/adr/0009). The host that serves the app writes the configured launch issuers into
 * the launch page as a JSON data block (never executed: `type="application/json"` is not
 * subject to `script-src`), and a small inline script, allowed by its SHA-256 in
 * `script-src` (CSP Level 3 hash-source; no `'unsafe-inline'`), reads `iss` and `launch`
 * from the address and, only when `iss` names a configured launch issuer exactly as
 * `findLaunchConfiguration` matches it (src/config/launch-match.ts: trimmed, trailing
 * slashes dropped), adds `<link rel="preload" as="fetch" crossorigin>` for that issuer's
 * `.well-known/smart-configuration`, and loads the app page (`/`, the redirect URI) in a
 * hidden frame (`mcr-app-ahead`, where src/main.tsx does nothing but take its preloaded
 * configuration), so that the browser's cache answers the redirect back
 * (server/app-handler.ts APP_PAGE_HEADERS, docs/adr/0010); the launch module removes that
 * frame if the launch stops with an error. The launch
 * module's own discovery read (through
 * fhirclient, launch/discovery.ts) has the same URL, mode (cors) and credentials
 * (same-origin: none sent cross-origin), so Chromium hands it the preloaded response
 * instead of asking again. Nothing else changes: the launch module still matches `iss`
 * against /config.json, checks the discovery document and builds the authorisation
 * request. Without the data block (the Vite dev server, a host that copies dist/ as it is)
 * the script does nothing and discovery is read when the module runs, as before.
 *
 * Kept to ES2015 and small: it runs before any module, and a failure only loses the head
 * start (the catch).
 */
export const EARLY_DISCOVERY_SCRIPT =
  "(function(){try{var q=new URLSearchParams(location.search),i=q.get('iss'),d=document.getElementById('mcr-launch-issuers');" +
  "if(!i||!q.get('launch')||!d)return;var n=function(s){return String(s).trim().replace(/\\/+$/,'')},w=n(i);" +
  "var m=JSON.parse(d.textContent||'[]').map(n).filter(function(s){return s!==''&&s===w})[0];if(!m)return;" +
  "var e=document.createElement('link');e.rel='preload';e.as='fetch';e.crossOrigin='anonymous';" +
  "e.href=m+'/.well-known/smart-configuration';document.head.appendChild(e);" +
  `var f=document.createElement('iframe');f.id='${APP_AHEAD_FRAME_ID}';f.src='/';` +
  "f.hidden=true;f.tabIndex=-1;f.title='Not shown';f.setAttribute('aria-hidden','true');document.head.appendChild(f)}catch(x){}})();";

/** The script's hash-source for `script-src` (CSP Level 3 §2.3.1: base64 of its SHA-256). */
export const EARLY_DISCOVERY_HASH = `'sha256-${createHash('sha256').update(EARLY_DISCOVERY_SCRIPT, 'utf8').digest('base64')}'`;

/** JSON safe inside a `<script>` element: no `</script>`, no `<!--`. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The launch page with the configured launch issuers and the early-discovery script as the
 * first elements of its head: before any stylesheet (an inline script waits for stylesheets
 * above it) and before the module script. `withCspMeta` puts the policy above them.
 */
export function withEarlyDiscovery(html: string, config: Pick<AppConfiguration, 'launch'>): string {
  const issuers = config.launch.map((l) => l.iss);
  const block =
    `<script type="application/json" id="mcr-launch-issuers">${scriptSafeJson(issuers)}</script>\n    ` +
    `<script>${EARLY_DISCOVERY_SCRIPT}</script>`;
  const withoutOld = html
    .replace(/<script type="application\/json" id="mcr-launch-issuers">[^<]*<\/script>\s*/g, '')
    .split(`<script>${EARLY_DISCOVERY_SCRIPT}</script>`)
    .join('');
  const head = /<head(\s[^>]*)?>/i.exec(withoutOld);
  if (!head) return withoutOld;
  const at = head.index + head[0].length;
  return `${withoutOld.slice(0, at)}\n    ${block}${withoutOld.slice(at)}`;
}

/** The launch page, as `dist/` names it. */
export const LAUNCH_PAGE = 'launch/index.html';
