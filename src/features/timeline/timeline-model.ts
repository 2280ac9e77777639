/**
 * The picture's data: one lane per organisation, holding its contacts and its medicine
 * courses within a time window. Each organisation sees only its own; side by side they
 * show what no single record does (a run of A&E visits while a GP repeat continued). Pure;
 * `now` is passed in (architecture habit 2).
 */
import type { MedicineGroup } from '../../domain/merge-medications';
import { isNotPrescribed, standingBySource } from '../../domain/medicine-rules';
import type { EncounterRecord, MedicationRecord } from '../../domain/records';
import { byName, instantOf } from '../../domain/record-order';

export type TimelinePeriod = '1y' | '2y' | '5y' | 'all';

export interface TimelineWindow {
  from: number;
  to: number;
}

export interface EncounterMark {
  key: string;
  at: number;
  /** Only for a stay longer than a day (an admission): its end, or `to` while it continues. */
  until?: number;
  type: string;
}

export interface MedicineBar {
  key: string;
  name: string;
  from: number;
  to: number;
  /** Still current on `now`: the bar runs to the end of the window. */
  current: boolean;
  /** Which medicine row of the lane it sits in (bars in one row never overlap). */
  row: number;
}

export interface TimelineLane {
  endpointId: string;
  organisationName: string;
  encounters: EncounterMark[];
  medicines: MedicineBar[];
  medicineRows: number;
  /** Start of the latest encounter in the window, as sent. */
  latestEncounter?: string;
}

const DAY = 86_400_000;
const YEARS: Record<Exclude<TimelinePeriod, 'all'>, number> = { '1y': 1, '2y': 2, '5y': 5 };

/**
 * The window for a period ending now. "Whole record" starts at the earliest dated item,
 * and never later than the longest other period starts: it always holds everything any
 * other choice shows, so it never covers less time than "Last 2 years".
 */
export function timelineWindow(period: TimelinePeriod, now: Date, earliest: number | undefined): TimelineWindow {
  const to = now.getTime();
  if (period === 'all') return { from: Math.min(earliest ?? to, timelineWindow('5y', now, undefined).from), to };
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - YEARS[period]);
  return { from: from.getTime(), to };
}

/** The earliest dated contact or medicine entry, for the "all" window. */
export function earliestDate(encounters: EncounterRecord[], groups: MedicineGroup[]): number | undefined {
  const times = [...encounters.map((e) => instantOf(e.start)), ...groups.flatMap((g) => g.entries.map((e) => instantOf(e.date)))];
  const known = times.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

function lane(map: Map<string, TimelineLane>, source: { endpointId: string; organisationName: string }): TimelineLane {
  let l = map.get(source.endpointId);
  if (!l) {
    l = { endpointId: source.endpointId, organisationName: source.organisationName, encounters: [], medicines: [], medicineRows: 0 };
    map.set(source.endpointId, l);
  }
  return l;
}

/**
 * One organisation's course of one medicine, from its entries other than proposals and
 * options (never prescribed, as in the Medications section): first entry to now while the
 * organisation's standing says current (medicine-rules.ts standingBySource, the rule the
 * Medications section uses), else to the stop where its latest entry says stopped (its end
 * if given, else its date), else to the last entry's end.
 */
function course(entries: MedicationRecord[], now: Date): { from: number; to: number; current: boolean } | undefined {
  const prescribed = entries.filter((e) => !isNotPrescribed(e));
  const starts = prescribed.map((e) => instantOf(e.date)).filter((t): t is number => t !== undefined);
  const [standing] = standingBySource(prescribed, now);
  if (starts.length === 0 || !standing) return undefined;
  const from = Math.min(...starts);
  // The stop: that entry's end where it gives one (a request stopped after it ran), else its date (a stop recorded as its own entry); never after now.
  const stopAt = standing.stopped ? instantOf(standing.latest.endDate) ?? instantOf(standing.latest.date) : undefined;
  const stop = stopAt === undefined ? undefined : Math.min(stopAt, now.getTime());
  const ends = prescribed.map((e) => instantOf(e.endDate) ?? instantOf(e.date)).filter((t): t is number => t !== undefined);
  const to = standing.current ? now.getTime() : stop !== undefined ? Math.max(from, stop) : Math.max(from + 28 * DAY, ...ends);
  return { from, to, current: standing.current };
}

/** Greedy interval packing: each bar takes the first row whose last bar has ended. */
function pack(bars: Omit<MedicineBar, 'row'>[]): { bars: MedicineBar[]; rows: number } {
  const rowEnds: number[] = [];
  const out = [...bars].sort((a, b) => a.from - b.from || byName(a.name, b.name)).map((b) => {
    let row = rowEnds.findIndex((end) => end < b.from);
    if (row === -1) row = rowEnds.push(b.to) - 1;
    else rowEnds[row] = b.to;
    return { ...b, row };
  });
  return { bars: out, rows: rowEnds.length };
}

/** Lanes by organisation name, each with what falls in the window. Organisations with nothing in it are left out. */
export function timelineLanes(encounters: EncounterRecord[], groups: MedicineGroup[], w: TimelineWindow, now: Date): TimelineLane[] {
  const lanes = new Map<string, TimelineLane>();
  for (const e of encounters) {
    const at = instantOf(e.start);
    if (at === undefined || at < w.from || at > w.to) continue;
    const end = instantOf(e.end);
    const stay = e.status === 'in-progress' && end === undefined ? w.to : end;
    const l = lane(lanes, e.source);
    l.encounters.push({ key: e.key, at, type: e.type, ...(stay !== undefined && stay - at > DAY ? { until: Math.min(stay, w.to) } : {}) });
    if (!l.latestEncounter || at > (instantOf(l.latestEncounter) ?? 0)) l.latestEncounter = e.start;
  }
  const bars = new Map<string, Omit<MedicineBar, 'row'>[]>();
  for (const g of groups) {
    const bySource = new Map<string, MedicationRecord[]>();
    for (const e of g.entries) bySource.set(e.source.endpointId, [...(bySource.get(e.source.endpointId) ?? []), e]);
    for (const [endpointId, entries] of bySource) {
      const c = course(entries, now);
      if (!c || c.to < w.from || c.from > w.to) continue;
      lane(lanes, (entries[0] as MedicationRecord).source);
      const list = bars.get(endpointId) ?? [];
      list.push({ key: `${g.key}|${endpointId}`, name: g.name, from: Math.max(c.from, w.from), to: Math.min(c.to, w.to), current: c.current });
      bars.set(endpointId, list);
    }
  }
  for (const l of lanes.values()) {
    const packed = pack(bars.get(l.endpointId) ?? []);
    l.medicines = packed.bars;
    l.medicineRows = packed.rows;
  }
  return [...lanes.values()].sort((a, b) => byName(a.organisationName, b.organisationName));
}
