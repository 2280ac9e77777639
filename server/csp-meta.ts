/**
 * The Content-Security-Policy as a `<meta http-equiv>` element, for hosts that cannot set
 * response headers (a bucket behind a CDN, a shared intranet web server). A meta policy
 * cannot carry `frame-ancestors`, `report-uri` or `sandbox` (CSP Level 3 §3.3: browsers
 * ignore them there), so those directives are left out: framing must then be limited by
 * the host (docs/deploying.md). Where the header is also sent, both policies apply.
 */
const NOT_IN_META = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

export function metaPolicy(csp: string): string {
  return csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !NOT_IN_META.has(d.split(/\s+/)[0] ?? ''))
    .join('; ');
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page with the policy as the first element of its head (before any script or style). */
export function withCspMeta(html: string, csp: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(metaPolicy(csp))}">`;
  const withoutOld = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
  // After <head>, or (a page that leaves its head implicit) after the doctype.
  const head = /<head(\s[^>]*)?>/i.exec(withoutOld) ?? /<!doctype html>/i.exec(withoutOld);
  const at = head ? head.index + head[0].length : 0;
  return `${withoutOld.slice(0, at)}\n    ${meta}${withoutOld.slice(at)}`;
}
