/**
 * Turns medplum's bare searchset into what a FHIR client expects: absolute fullUrls,
 * search.mode on each entry, and paging links.
 *
 * Medplum quirk: the memory repository returns `total` and the requested page but no
 * Bundle.link at all, so a client following `next` (fhirclient, the viewer's own
 * transport) would stop after the first page. Links here are absolute on the
 * endpoint's configured base URL (FHIR R4 http.html#paging), not on whatever host the
 * request came in on.
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from 'fhir/r4';
import { queryString, type NormalisedSearch } from './search-query';

export function fullUrl(baseUrl: string, r: Resource): string {
  return `${baseUrl}/${r.resourceType}/${r.id ?? ''}`;
}

function pageUrl(baseUrl: string, search: NormalisedSearch, offset: number): string {
  const params: [string, string][] = [...search.linkParams, ['_count', String(search.count)], ['_offset', String(offset)]];
  return `${baseUrl}/${search.resourceType}?${queryString(params)}`;
}

export function pagingLinks(baseUrl: string, search: NormalisedSearch, total: number): BundleLink[] {
  const { count, offset } = search;
  const links: BundleLink[] = [{ relation: 'self', url: pageUrl(baseUrl, search, offset) }];
  if (count === 0) return links;
  links.push({ relation: 'first', url: pageUrl(baseUrl, search, 0) });
  if (offset > 0) links.push({ relation: 'previous', url: pageUrl(baseUrl, search, Math.max(0, offset - count)) });
  if (offset + count < total) links.push({ relation: 'next', url: pageUrl(baseUrl, search, offset + count) });
  return links;
}

/** The searchset as sent: matches first, then included resources. */
export function searchset(baseUrl: string, search: NormalisedSearch, total: number, matches: Resource[], included: Resource[]): Bundle {
  const entry: BundleEntry[] = [
    ...matches.map((resource) => ({ fullUrl: fullUrl(baseUrl, resource), resource, search: { mode: 'match' as const } })),
    ...included.map((resource) => ({ fullUrl: fullUrl(baseUrl, resource), resource, search: { mode: 'include' as const } })),
  ];
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: pagingLinks(baseUrl, search, total),
    ...(entry.length ? { entry } : {}),
  };
}
