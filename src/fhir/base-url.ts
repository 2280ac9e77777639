/**
 * Where a request may go. Every URL the transport fetches, the first and every `next`
 * link the server sends (FHIR R4 http.html#paging), must lie under the endpoint's base:
 * the same origin and the base path as a whole segment prefix. Checked before any header
 * is asked for, so a server cannot steer the bearer token elsewhere.
 */

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `{base}/{path}` for a path relative to the base; an absolute URL is returned as is (and checked later). */
export function resolveAgainstBase(baseUrl: string, path: string): string {
  if (ABSOLUTE.test(path)) return path;
  return `${withoutTrailingSlash(baseUrl)}/${path.replace(/^\/+/, '')}`;
}

/** A link from a page, absolute or relative to that page's URL; undefined if unusable. */
export function resolveLink(link: string, pageUrl: string): string | undefined {
  try {
    return new URL(link, pageUrl).href;
  } catch {
    return undefined;
  }
}

export function isUnderBase(url: string, baseUrl: string): boolean {
  let u: URL;
  let base: URL;
  try {
    u = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  // Credentials in a URL would travel beside the token; "/fhir/../x" is already resolved by URL.
  if (u.username !== '' || u.password !== '') return false;
  if (u.origin !== base.origin) return false;
  const basePath = withoutTrailingSlash(base.pathname);
  return u.pathname === basePath || u.pathname.startsWith(`${basePath}/`);
}
