/**
 * Narrowing a long contact history (thousands of encounters across organisations) to
 * what the reader is looking for: one organisation, one type of contact, a date range.
 * Pure; the order of the list is kept (newest first, from domain/encounter-timeline.ts).
 */
import { parseFhirDate } from '../../domain/cui-date';
import type { EncounterRecord } from '../../domain/records';
import { countText } from '../../domain/count-text';
import { byName } from '../../domain/record-order';

/** '' means "any". Dates are `YYYY-MM-DD`, as a date input gives them; both ends included. */
export interface EncounterFilter {
  organisation: string;
  type: string;
  from: string;
  to: string;
}

export const ANY: EncounterFilter = { organisation: '', type: '', from: '', to: '' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The days a start may fall on: one day, or a whole month or year for a partial date. */
function startDays(start: string | undefined): [string, string] | undefined {
  const d = parseFhirDate(start);
  if (!d) return undefined;
  const y = String(d.year).padStart(4, '0');
  if (d.month === undefined) return [`${y}-01-01`, `${y}-12-31`];
  if (d.day === undefined) return [`${y}-${pad(d.month)}-01`, `${y}-${pad(d.month)}-31`];
  const day = `${y}-${pad(d.month)}-${pad(d.day)}`;
  return [day, day];
}

/** True when the filter's dates cannot both hold (from after to). */
export function rangeIsBackwards(f: EncounterFilter): boolean {
  return f.from !== '' && f.to !== '' && f.from > f.to;
}

/**
 * The encounters that match every part of the filter. With a date range, a contact with
 * no readable start is left out (it cannot be placed), and a partial date (`2020-03`)
 * counts if any of its days fall in the range.
 */
export function filterEncounters(list: EncounterRecord[], f: EncounterFilter): EncounterRecord[] {
  if (rangeIsBackwards(f)) return [];
  return list.filter((e) => {
    if (f.organisation && e.source.endpointId !== f.organisation) return false;
    if (f.type && e.type !== f.type) return false;
    if (!f.from && !f.to) return true;
    const days = startDays(e.start);
    if (!days) return false;
    return (!f.from || days[1] >= f.from) && (!f.to || days[0] <= f.to);
  });
}

export interface FilterOptions {
  organisations: { id: string; name: string; count: number }[];
  types: { type: string; count: number }[];
}

/**
 * The choices the list actually holds, with counts: organisations by name, types by name.
 * The types (and their counts) follow the chosen organisation, so no type is offered that
 * would leave the list empty.
 */
export function encounterFilterOptions(list: EncounterRecord[], organisation = ''): FilterOptions {
  const orgs = new Map<string, { id: string; name: string; count: number }>();
  const types = new Map<string, number>();
  for (const e of list) {
    const o = orgs.get(e.source.endpointId) ?? { id: e.source.endpointId, name: e.source.organisationName, count: 0 };
    o.count += 1;
    orgs.set(o.id, o);
    if (!organisation || e.source.endpointId === organisation) types.set(e.type, (types.get(e.type) ?? 0) + 1);
  }
  return {
    organisations: [...orgs.values()].sort((a, b) => byName(a.name, b.name)),
    types: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => byName(a.type, b.type)),
  };
}

/** "Showing all 47 encounters", "Showing 1 encounter", "Showing 3 of 47 encounters": plurals right. */
export function showingText(shown: number, total: number): string {
  const n = countText;
  const noun = (x: number) => (x === 1 ? 'encounter' : 'encounters');
  if (shown === total) return total === 1 ? 'Showing 1 encounter' : `Showing all ${n(total)} encounters, newest first`;
  return `Showing ${n(shown)} of ${n(total)} ${noun(total)}, newest first`;
}
