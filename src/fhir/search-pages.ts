/**
 * Follows a searchset through its `next` links (FHIR R4 http.html#paging,
 * search.html#count), with the guards a client owes its user: a link off the endpoint's
 * base is never requested (the token would go with it), a link to a page already read
 * ends the search, and so does a search that runs past `maxPages`.
 */
import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';
import type { FirstPage, SearchProgress, SearchResult } from './types';
import { badLinkFailure, unreadableFailure } from './failures';
import { isUnderBase, resolveLink } from './base-url';
import { checkOffsetPages, linkUrl, MatchTally, planOffsetPages } from './offset-pages';

export const DEFAULT_MAX_PAGES = 200;

export interface FollowOptions {
  baseUrl: string;
  maxPages: number;
  /**
   * GET one page (already checked to be under the base). Called for every page of an
   * offset plan in the same turn, so a caller that batches them asks them in one round.
   */
  fetchPage: (url: string) => Promise<unknown>;
  progress: ProgressCounter;
}

/**
 * Running totals across every search of one call, reported once the pages read in the same
 * turn are counted: a batch's answer brings the first page of every search at once, and is
 * one report, not one per search (each report redraws the organisation's line).
 */
export interface ProgressCounter {
  page(resources: number): void;
}

export function progressCounter(onPage?: (p: SearchProgress) => void): ProgressCounter {
  const totals: SearchProgress = { pages: 0, resources: 0 };
  let queued = false;
  return {
    page(resources) {
      totals.pages += 1;
      totals.resources += resources;
      if (!onPage || queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        onPage({ ...totals });
      });
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

/** Bundle.total where it is a count (a whole number, 0 or more). */
function totalOf(bundle: Bundle): number | undefined {
  return typeof bundle.total === 'number' && Number.isInteger(bundle.total) && bundle.total >= 0 ? bundle.total : undefined;
}

/** A first page read as followSearch reads it (undefined if it is not a searchset), and whether it has a `next` link. */
export function firstPageOf(body: unknown): FirstPage | undefined {
  if (!isSearchset(body)) return undefined;
  const result: SearchResult = { resources: [], outcomes: [], pages: 1 };
  collect(body, result);
  const total = totalOf(body);
  if (total !== undefined) result.total = total;
  return { result, complete: linkUrl(body, 'next') === undefined };
}

/**
 * Reads `first` (the answer to `firstUrl`) and every page after it: where the server's
 * links show offset paging, every page after the first at once (offset-pages.ts), else
 * (or when those pages do not prove the plan right) one `next` link after another. A
 * server whose links showed offset paging and a total must then add up: every match read
 * once and as many as the total, or the search fails, so that a page missed or read twice
 * never passes as the whole record (docs/adr/0007, hazard H36).
 */
export async function followSearch(firstUrl: string, first: unknown, opts: FollowOptions): Promise<SearchResult> {
  const result: SearchResult = { resources: [], outcomes: [], pages: 0 };
  const visited = new Set<string>();
  let url = firstUrl;
  let body = first;
  /** Set once an offset plan's pages disagreed: the links followed instead must add up to `total`. */
  let mustAddUp: { total: number; tally: MatchTally } | undefined;
  for (;;) {
    const bundle = asSearchset(body);
    visited.add(new URL(url).href);
    const self = linkUrl(bundle, 'self');
    const selfUrl = self === undefined ? undefined : resolveLink(self, url);
    if (selfUrl) visited.add(selfUrl);
    result.pages += 1;
    const total = totalOf(bundle);
    if (result.pages === 1 && total !== undefined) result.total = total;
    opts.progress.page(collect(bundle, result));
    mustAddUp?.tally.add(bundle);

    const next = linkUrl(bundle, 'next');
    if (next === undefined) {
      const short = mustAddUp?.tally.shortOf(mustAddUp.total);
      if (short) throw badLinkFailure(`The server’s pages did not add up to the ${mustAddUp!.total} records it said it holds (${short}); the record may have changed while it was read`);
      return result;
    }
    const nextUrl = resolveLink(next, url);
    if (nextUrl === undefined || !isUnderBase(nextUrl, opts.baseUrl)) {
      throw badLinkFailure('The server’s link to the next page points outside this organisation’s FHIR service; it was not followed');
    }
    if (visited.has(nextUrl)) throw badLinkFailure('The server’s link to the next page leads back to a page already read');
    if (result.pages >= opts.maxPages) throw badLinkFailure(`The search ran past ${opts.maxPages} pages; the rest was not read`);
    if (result.pages === 1) {
      const plan = planOffsetPages(url, bundle, opts.baseUrl);
      if (plan) {
        if (1 + plan.urls.length > opts.maxPages) throw badLinkFailure(`The search ran past ${opts.maxPages} pages; the rest was not read`);
        const rest = (await Promise.all(plan.urls.map((u) => opts.fetchPage(u)))).map(asSearchset);
        if (checkOffsetPages(bundle, plan, rest) === undefined) {
          for (const page of rest) {
            result.pages += 1;
            opts.progress.page(collect(page, result));
          }
          return result;
        }
        mustAddUp = { total: plan.total, tally: new MatchTally() };
        mustAddUp.tally.add(bundle);
      }
    }
    url = nextUrl;
    body = await opts.fetchPage(nextUrl);
  }
}
