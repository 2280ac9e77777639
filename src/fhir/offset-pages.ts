/**
 * The rest of a search's pages asked for in one round instead of one round each
 * (docs/adr/0007-offset-pages-in-one-round.md). FHIR R4 (http.html#paging) gives a client
 * only opaque `next` links; some servers (medplum, and the sandbox on it) page by an
 * offset and say it in their own links: `self` and `next` are the same URL but for the
 * value of `_offset`, and Bundle.total says how many matches there are. Only then are the
 * remaining pages' URLs written here, from the server's own `next` link with nothing but
 * that value changed, and only if every page read back proves them right: each page's own
 * `next` link is the URL written for the page after it, the last has none, each full page
 * holds as many matches as the step, the matches add up to `total` and none comes twice.
 * Anything else and the caller follows the server's links one by one, as before.
 */
import type { Bundle } from 'fhir/r4';
import { isUnderBase, resolveLink } from './base-url';

/** The one paging parameter whose value is written here; any other shape is only followed. */
export const OFFSET_PARAM = '_offset';

/** A whole number as a server writes one: no sign, no leading zero. */
const WHOLE = /^(0|[1-9]\d{0,14})$/;

export const linkUrl = (bundle: Bundle, relation: string): string | undefined => bundle.link?.find((l) => l.relation === relation)?.url;

/** Entries that count toward Bundle.total: matches (search.mode `match`, or no mode), not outcomes or includes. */
export function matchesOf(bundle: Bundle): { resourceType: string; id?: string }[] {
  const out: { resourceType: string; id?: string }[] = [];
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource as { resourceType?: unknown; id?: unknown } | undefined;
    if (typeof r !== 'object' || r === null || typeof r.resourceType !== 'string' || r.resourceType === 'OperationOutcome') continue;
    const mode = entry.search?.mode;
    if (mode !== undefined && mode !== 'match') continue;
    out.push({ resourceType: r.resourceType, ...(typeof r.id === 'string' ? { id: r.id } : {}) });
  }
  return out;
}

interface OffsetLink {
  /** Everything before the offset's value, as the server wrote it. */
  head: string;
  /** Everything after it. */
  tail: string;
  offset: number;
}

/**
 * `url` split around the value of its single `_offset` parameter, the raw text kept as the
 * server wrote it (no re-encoding); undefined if it has no such parameter, two, a fragment,
 * or a value that is not a whole number.
 */
function splitOffset(url: string): OffsetLink | undefined {
  if (url.includes('#')) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const segments = url.slice(q + 1).split('&');
  const keyOf = (segment: string) => {
    const raw = segment.split('=')[0] ?? '';
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return raw;
    }
  };
  const at = segments.flatMap((s, i) => (keyOf(s) === OFFSET_PARAM ? [i] : []));
  // One `_offset`, spelled plainly: an encoded spelling is the same parameter written otherwise.
  if (at.length !== 1 || !segments[at[0]!]!.startsWith(`${OFFSET_PARAM}=`)) return undefined;
  const value = segments[at[0]!]!.slice(OFFSET_PARAM.length + 1);
  if (!WHOLE.test(value)) return undefined;
  const before = segments.slice(0, at[0]).concat(`${OFFSET_PARAM}=`).join('&');
  return { head: `${url.slice(0, q + 1)}${before}`, tail: [''].concat(segments.slice(at[0]! + 1)).join('&'), offset: Number(value) };
}

export interface OffsetPlan {
  /** The matches the server says there are (Bundle.total of the first page). */
  total: number;
  /** Matches per full page: the first page's matches, and the distance between its offset and its next's. */
  step: number;
  /** Every page after the first, in order; the first of them is the server's own `next` link. */
  urls: string[];
  /** The offset of each of `urls`. */
  offsets: number[];
}

/**
 * The URLs of every page after `first` (the answer to `firstUrl`), when the server's own
 * links show that it pages by `_offset` over `total` matches; undefined when they do not,
 * and the caller follows `next` as FHIR says. Both links are resolved as the follower
 * resolves them and must lie under the base.
 */
export function planOffsetPages(firstUrl: string, first: Bundle, baseUrl: string): OffsetPlan | undefined {
  const total = first.total;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) return undefined;
  const selfRaw = linkUrl(first, 'self');
  const nextRaw = linkUrl(first, 'next');
  if (selfRaw === undefined || nextRaw === undefined) return undefined;
  const self = resolveLink(selfRaw, firstUrl);
  const next = resolveLink(nextRaw, firstUrl);
  if (!self || !next || !isUnderBase(self, baseUrl) || !isUnderBase(next, baseUrl)) return undefined;
  const s = splitOffset(self);
  const n = splitOffset(next);
  // Same base, path and parameters in the same order and spelling: only the offset differs.
  if (!s || !n || s.head !== n.head || s.tail !== n.tail) return undefined;
  const step = n.offset - s.offset;
  if (step <= 0 || step !== matchesOf(first).length || n.offset >= total) return undefined;
  const offsets: number[] = [];
  for (let o = n.offset; o < total; o += step) offsets.push(o);
  return { total, step, offsets, urls: offsets.map((o) => `${n.head}${o}${n.tail}`) };
}

/** Matches counted across pages, and whether any (type and id) came twice. */
export class MatchTally {
  count = 0;
  twice = false;
  private readonly seen = new Set<string>();

  add(page: Bundle): number {
    const matches = matchesOf(page);
    for (const m of matches) {
      if (m.id === undefined) continue;
      const key = `${m.resourceType}/${m.id}`;
      if (this.seen.has(key)) this.twice = true;
      this.seen.add(key);
    }
    this.count += matches.length;
    return matches.length;
  }

  /** Why the pages are not every match once, or undefined when they are. */
  shortOf(total: number): string | undefined {
    if (this.twice) return 'a match came twice';
    return this.count === total ? undefined : 'the matches do not add up to the total';
  }
}

/**
 * Whether the pages read for `plan` are the server's own sequence and hold every match
 * once: each page's `next` is the next planned URL (resolved against the page asked), the
 * last has none, every page says the same total where it says one, each but the last holds
 * `step` matches and the last the rest, and no match (type and id) comes twice, the first
 * page's included. A reason when they are not.
 */
export function checkOffsetPages(first: Bundle, plan: OffsetPlan, pages: readonly Bundle[]): string | undefined {
  if (pages.length !== plan.urls.length) return 'a page is missing';
  const tally = new MatchTally();
  tally.add(first);
  for (let i = 0; i < pages.length; i += 1) {
    const page = pages[i]!;
    if (page.total !== undefined && page.total !== plan.total) return 'the total changed between pages';
    const nextRaw = linkUrl(page, 'next');
    const expected = plan.urls[i + 1];
    if (expected === undefined ? nextRaw !== undefined : nextRaw === undefined || resolveLink(nextRaw, plan.urls[i]!) !== new URL(expected).href) {
      return 'a page’s next link is not the page asked after it';
    }
    const wanted = expected === undefined ? plan.total - plan.offsets[i]! : plan.step;
    if (tally.add(page) !== wanted) return 'a page holds a different number of matches';
  }
  return tally.shortOf(plan.total);
}
