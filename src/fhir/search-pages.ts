/**
 * Follows a searchset through its `next` links (FHIR R4 http.html#paging,
 * search.html#count), with the guards a client owes its user: a link off the endpoint's
 * base is never requested (the token would go with it), a link to a page already read
 * ends the search, and so does a search that runs past `maxPages`.
 */
import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';
import type { SearchProgress, SearchResult } from './types';
import { badLinkFailure, unreadableFailure } from './failures';
import { isUnderBase, resolveLink } from './base-url';

export const DEFAULT_MAX_PAGES = 200;

export interface FollowOptions {
  baseUrl: string;
  maxPages: number;
  /** GET one page (already checked to be under the base). */
  fetchPage: (url: string) => Promise<unknown>;
  progress: ProgressCounter;
}

/** Running totals across every search of one call, reported after each page. */
export interface ProgressCounter {
  page(resources: number): void;
}

export function progressCounter(onPage?: (p: SearchProgress) => void): ProgressCounter {
  const totals: SearchProgress = { pages: 0, resources: 0 };
  return {
    page(resources) {
      totals.pages += 1;
      totals.resources += resources;
      onPage?.({ ...totals });
    },
  };
}

export function isSearchset(value: unknown): value is Bundle {
  const b = value as Bundle | null;
  return typeof b === 'object' && b !== null && b.resourceType === 'Bundle' && b.type === 'searchset';
}

function asSearchset(value: unknown): Bundle {
  if (isSearchset(value)) return value;
  const type = (value as { resourceType?: unknown } | null)?.resourceType;
  throw unreadableFailure(typeof type === 'string' ? `expected a search result Bundle, got ${type.slice(0, 40)}` : 'it is not a FHIR search result');
}

const linkUrl = (bundle: Bundle, relation: string) => bundle.link?.find((l) => l.relation === relation)?.url;

/** Resources (match and include) and outcomes (search.mode = outcome) of one page. */
function collect(bundle: Bundle, into: SearchResult): number {
  let added = 0;
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource as FhirResource | undefined;
    if (typeof r !== 'object' || r === null || typeof r.resourceType !== 'string') continue;
    if (r.resourceType === 'OperationOutcome') into.outcomes.push(r as OperationOutcome);
    else if (entry.search?.mode !== 'outcome') {
      into.resources.push(r);
      added += 1;
    }
  }
  return added;
}

/** Reads `first` (the answer to `firstUrl`) and every page after it. */
export async function followSearch(firstUrl: string, first: unknown, opts: FollowOptions): Promise<SearchResult> {
  const result: SearchResult = { resources: [], outcomes: [], pages: 0 };
  const visited = new Set<string>();
  let url = firstUrl;
  let body = first;
  for (;;) {
    const bundle = asSearchset(body);
    visited.add(new URL(url).href);
    const self = linkUrl(bundle, 'self');
    const selfUrl = self === undefined ? undefined : resolveLink(self, url);
    if (selfUrl) visited.add(selfUrl);
    result.pages += 1;
    opts.progress.page(collect(bundle, result));

    const next = linkUrl(bundle, 'next');
    if (next === undefined) return result;
    const nextUrl = resolveLink(next, url);
    if (nextUrl === undefined || !isUnderBase(nextUrl, opts.baseUrl)) {
      throw badLinkFailure('The server’s link to the next page points outside this organisation’s FHIR service; it was not followed');
    }
    if (visited.has(nextUrl)) throw badLinkFailure('The server’s link to the next page leads back to a page already read');
    if (result.pages >= opts.maxPages) throw badLinkFailure(`The search ran past ${opts.maxPages} pages; the rest was not read`);
    url = nextUrl;
    body = await opts.fetchPage(nextUrl);
  }
}
