/**
 * Total, deterministic orderings for records from many sources. Every list the viewer
 * shows must come out in the same order however the sources' responses arrived (they
 * race), so each comparison ends in the record key, which is unique across sources.
 */
import type { CareRecord } from './records';

/** Milliseconds since the epoch for a FHIR date or dateTime; undefined when absent or unreadable. */
export function instantOf(date: string | undefined): number | undefined {
  if (!date) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) ? undefined : t;
}

/** Newest first; a missing date sorts last. */
export function byDateDesc(a: string | undefined, b: string | undefined): number {
  const x = instantOf(a);
  const y = instantOf(b);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return y - x;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare for odd input. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The final tie-break: source endpoint, then key. */
export function bySourceThenKey(a: CareRecord, b: CareRecord): number {
  return byText(a.source.endpointId, b.source.endpointId) || byText(a.key, b.key);
}
