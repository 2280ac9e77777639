/**
 * One timeline of contacts across organisations. Each organisation knows only its own
 * contacts; the point of the shared record is to see them together, in time order,
 * each still labelled with who recorded it.
 */
import type { EncounterRecord } from './records';
import { parseFhirDate } from './cui-date';
import { byInstantDesc, bySourceThenKey, instantOf } from './record-order';

/**
 * Newest first by start; no start goes last; ties by source, then key (a total order).
 * Each start is read once, not at every comparison (thousands of contacts: issue 14).
 */
export function encounterTimeline(records: EncounterRecord[]): EncounterRecord[] {
  return records
    .map((r) => ({ r, at: instantOf(r.start) }))
    .sort((a, b) => byInstantDesc(a.at, b.at) || bySourceThenKey(a.r, b.r))
    .map((x) => x.r);
}

const comparableType = (type: string) => type.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
/** By the type's text: a large record repeats a few dozen types over thousands of contacts. */
const COMPARABLE_TYPES = new Map<string, string>();
function sameType(type: string): string {
  let t = COMPARABLE_TYPES.get(type);
  if (t === undefined) {
    if (COMPARABLE_TYPES.size >= 10_000) COMPARABLE_TYPES.clear();
    t = comparableType(type);
    COMPARABLE_TYPES.set(type, t);
  }
  return t;
}

/** The Europe/London calendar day a start falls on; undefined when the start has no day. */
function startDay(start: string | undefined): string | undefined {
  const d = parseFhirDate(start);
  return d?.month !== undefined && d.day !== undefined ? `${d.year}-${d.month}-${d.day}` : undefined;
}

/**
 * Keys of encounters that another organisation also recorded on the same day with the
 * same type (compared without case, accents or punctuation): possibly one contact
 * reported twice (an ambulance call-out copied into the hospital's record). They are
 * flagged for the reader, never removed — two real contacts on one day happen.
 * Duplicates within one organisation are not flagged: a server's own list is its own.
 */
export function likelyDuplicateEncounters(records: EncounterRecord[]): Set<string> {
  // Only a type recorded by two organisations or more can be flagged: the London day (the
  // costly part) is worked out for those encounters alone.
  const sourcesOfType = new Map<string, Set<string>>();
  for (const r of records) {
    const type = sameType(r.type);
    const sources = sourcesOfType.get(type);
    if (sources) sources.add(r.source.endpointId);
    else sourcesOfType.set(type, new Set([r.source.endpointId]));
  }
  const buckets = new Map<string, EncounterRecord[]>();
  for (const r of records) {
    if (sourcesOfType.get(sameType(r.type))!.size < 2) continue;
    const day = startDay(r.start);
    if (!day) continue;
    const key = `${day}|${sameType(r.type)}`;
    const list = buckets.get(key);
    if (list) list.push(r);
    else buckets.set(key, [r]);
  }
  const flagged = new Set<string>();
  for (const list of buckets.values()) {
    if (new Set(list.map((r) => r.source.endpointId)).size > 1) for (const r of list) flagged.add(r.key);
  }
  return flagged;
}
