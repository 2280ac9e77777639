/**
 * Total, deterministic orderings for records from many sources. Every list the viewer
 * shows must come out in the same order however the sources' responses arrived (they
 * race), so each comparison ends in the record key, which is unique across sources.
 */
import type { CareRecord } from './records';

/** Most texts kept by instantOf: more than a large record's distinct dates, a few MB at most. */
export const INSTANT_CACHE_SIZE = 50_000;
/** Instants by text: sorting thousands of records compares each date many times. */
const INSTANTS = new Map<string, number | undefined>();

/** Milliseconds since the epoch for a FHIR date or dateTime; undefined when absent or unreadable. */
export function instantOf(date: string | undefined): number | undefined {
  if (!date) return undefined;
  if (INSTANTS.has(date)) return INSTANTS.get(date);
  const parsed = Date.parse(date);
  const t = Number.isNaN(parsed) ? undefined : parsed;
  if (INSTANTS.size >= INSTANT_CACHE_SIZE) INSTANTS.clear();
  INSTANTS.set(date, t);
  return t;
}

/** Newest first; a missing date sorts last. */
export function byDateDesc(a: string | undefined, b: string | undefined): number {
  return byInstantDesc(instantOf(a), instantOf(b));
}

/** byDateDesc for instants already read (instantOf): latest first, none last. */
export function byInstantDesc(x: number | undefined, y: number | undefined): number {
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return y - x;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare for odd input. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const EN_GB = new Intl.Collator('en-GB');

/**
 * Names in English order, exactly as `a.localeCompare(b, 'en-GB')`, with one collator for
 * every comparison: a locale argument to localeCompare makes ICU look up a collator on
 * every call, and a sort of a record's names makes thousands.
 */
export const byName: (a: string, b: string) => number = EN_GB.compare;

/**
 * Newest first by the instant each date stands for (an offset counts; a partial date is
 * its first instant), undated last, then by key: for lists ordered by date alone
 * (documents, reports), where comparing the date text would put 10:00+01:00 after 09:30Z.
 */
export function newestFirst(a: { date?: string; key: string }, b: { date?: string; key: string }): number {
  return byDateDesc(a.date, b.date) || byText(a.key, b.key);
}

/** The final tie-break: source endpoint, then key. */
export function bySourceThenKey(a: CareRecord, b: CareRecord): number {
  return byText(a.source.endpointId, b.source.endpointId) || byText(a.key, b.key);
}
