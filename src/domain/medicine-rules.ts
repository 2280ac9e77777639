/**
 * What a medicine entry means, whether it is current, and where organisations disagree
 * about it. Written down in docs/clinical-rules.md ("Medicines") and the hazard log; pure,
 * with the clock passed in.
 */
import type { MedicationRecord, SourceRef } from './records';
import { instantOf, bySourceThenKey, byDateDesc } from './record-order';

const DAY_MS = 86_400_000;

/**
 * The "current" window for an entry still active at its source but with no end date: an
 * acute (short) course is current for 28 days after it was issued; anything else (a
 * repeat, a continuous or seasonal medicine, a course not stated) for 365 days after its
 * last issue, since a repeat not issued for a year is at best due its annual medication
 * review and cannot be presumed taken. An end date, where sent, decides instead.
 */
export const ACUTE_WINDOW_DAYS = 28;
export const REPEAT_WINDOW_DAYS = 365;

/** Proposals and options are not prescriptions: they never make a medicine current. */
export const NOT_PRESCRIBED: ReadonlySet<string> = new Set(['proposal', 'option']);

export const isNotPrescribed = (r: MedicationRecord) => r.entryKind !== undefined && NOT_PRESCRIBED.has(r.entryKind);

/** Within its window on `now`; true when undated (the viewer cannot tell, so it does not hide it). */
function withinWindow(r: MedicationRecord, now: Date): boolean {
  const at = instantOf(r.date);
  if (at === undefined) return true;
  const days = r.courseCode === 'acute' ? ACUTE_WINDOW_DAYS : REPEAT_WINDOW_DAYS;
  return now.getTime() - at <= days * DAY_MS;
}

/**
 * Current on `now`: a current status (active, on-hold, draft, intended), not a proposal
 * or option, and either an end date (validity period or effective period end) not yet
 * passed or, without one, still within the current window.
 */
export function isCurrentOn(r: MedicationRecord, now: Date): boolean {
  if (r.statusGroup !== 'current' || isNotPrescribed(r)) return false;
  const end = instantOf(r.endDate);
  if (end !== undefined) return end >= now.getTime();
  return withinWindow(r, now);
}

/** Active at source, yet past its end or window: shown as past, and said why. */
export function isStaleActive(r: MedicationRecord, now: Date): boolean {
  return r.statusGroup === 'current' && !isNotPrescribed(r) && !isCurrentOn(r, now);
}

/** The kind of entry in words, for the list and the detail view. */
export function medicationEntryWords(r: MedicationRecord): string {
  switch (r.entryKind ?? (r.resourceType === 'MedicationStatement' ? 'statement' : 'intent-not-stated')) {
    case 'prescription':
      return 'Prescription';
    case 'plan':
      return 'Plan (not itself a prescription)';
    case 'proposal':
      return 'Proposal (not prescribed)';
    case 'option':
      return 'Option considered (not prescribed)';
    case 'statement':
      return 'Reported as taken (medication statement)';
    default:
      return 'Prescription? The source did not say (no intent)';
  }
}

export type MedicineDiscrepancy =
  | { kind: 'different-dose'; doses: { source: SourceRef; dose: string }[] }
  | { kind: 'stopped-elsewhere'; stoppedAt: SourceRef[]; activeAt: SourceRef[] }
  | { kind: 'one-source'; source: SourceRef }
  | { kind: 'stale-active'; entries: { source: SourceRef; date?: string }[] }
  /** An ingredient of this current medicine is also in other current medicines (their names, sorted): the doses add up. */
  | { kind: 'shared-ingredient'; ingredient: string; alsoIn: string[] };

const normaliseDose = (d: string) => d.toLowerCase().replace(/[.;,]+$/g, '').replace(/\s+/g, ' ').trim();
const STOPPED = new Set(['stopped', 'cancelled']);
const bySource = (a: SourceRef, b: SourceRef) => (a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0);

/** Each source's latest entry that is not a proposal or option: what that organisation says now. */
export function latestPrescribedBySource(entries: MedicationRecord[]): MedicationRecord[] {
  const latest = new Map<string, MedicationRecord>();
  const sorted = entries.filter((e) => !isNotPrescribed(e)).sort((a, b) => byDateDesc(a.date, b.date) || bySourceThenKey(a, b));
  for (const e of sorted) if (!latest.has(e.source.endpointId)) latest.set(e.source.endpointId, e);
  return [...latest.values()].sort((a, b) => bySource(a.source, b.source));
}

/** What one organisation says now about a medicine, from its latest entry that is not a proposal or option. */
export interface SourceStanding {
  latest: MedicationRecord;
  /** That entry is current on `now` (isCurrentOn): the medicine is current at this organisation. */
  current: boolean;
  /** That entry is stopped or cancelled: this organisation has stopped the medicine, on that entry's date. */
  stopped: boolean;
}

/** Each source's standing (SourceStanding), by source: the one rule for "current at" and "stopped at" an organisation. */
export function standingBySource(entries: MedicationRecord[], now: Date): SourceStanding[] {
  return latestPrescribedBySource(entries).map((latest) => ({ latest, current: isCurrentOn(latest, now), stopped: STOPPED.has(latest.status) }));
}

/**
 * Medicines reconciliation across organisations, never resolved silently: the same
 * medicine at different doses where it is current; stopped at one organisation while
 * current at another; current but known to only one of the organisations that record
 * medicines for this person (`medicineSources`, endpoint ids); active at source but past
 * its window. The result depends only on the set of entries, not their order.
 */
export function medicineDiscrepancies(entries: MedicationRecord[], medicineSources: ReadonlySet<string>, now: Date): MedicineDiscrepancy[] {
  const standing = standingBySource(entries, now);
  const latest = standing.map((s) => s.latest);
  const current = standing.filter((s) => s.current).map((s) => s.latest);
  const out: MedicineDiscrepancy[] = [];
  const dosed = current.filter((e) => e.dose !== undefined);
  if (new Set(dosed.map((e) => normaliseDose(e.dose as string))).size > 1) {
    out.push({ kind: 'different-dose', doses: dosed.map((e) => ({ source: e.source, dose: e.dose as string })) });
  }
  const stopped = standing.filter((s) => s.stopped).map((s) => s.latest);
  if (stopped.length > 0 && current.length > 0) {
    out.push({ kind: 'stopped-elsewhere', stoppedAt: stopped.map((e) => e.source), activeAt: current.map((e) => e.source) });
  }
  if (current.length > 0 && latest.length === 1 && medicineSources.size > 1) {
    out.push({ kind: 'one-source', source: (latest[0] as MedicationRecord).source });
  }
  const stale = latest.filter((e) => isStaleActive(e, now));
  if (stale.length > 0 && current.length === 0) {
    out.push({ kind: 'stale-active', entries: stale.map((e) => ({ source: e.source, ...(e.date ? { date: e.date } : {}) })) });
  }
  return out;
}

/** A prescription: a MedicationRequest with an order-type intent, or none stated (not a plan, proposal, option or statement). */
export const isPrescription = (r: MedicationRecord) =>
  r.resourceType === 'MedicationRequest' && (r.entryKind === 'prescription' || r.entryKind === 'intent-not-stated' || r.entryKind === undefined);

/**
 * FHIR R4 MedicationRequest statuses of a prescription that was issued on its authoredOn:
 * `active`; `completed` (issued, and all of it done: a past repeat issue); `on-hold`
 * (issued, then paused: the hold does not undo the issue). Not `stopped` or `cancelled`
 * (sources record a stop as its own entry dated at the stop), not `draft` (not yet
 * actionable), not `entered-in-error` or `unknown` (the source cannot say it was issued).
 */
export const ISSUED_STATUSES: ReadonlySet<string> = new Set(['active', 'completed', 'on-hold']);

/**
 * An issue of a medicine: a prescription with an issued status, not an inpatient order
 * (MedicationRequest.category `inpatient`: given on the ward, never issued to the patient).
 * Its date is when it was issued.
 */
export const isIssue = (r: MedicationRecord) => isPrescription(r) && ISSUED_STATUSES.has(r.status) && r.requestCategory !== 'inpatient';

/** The dated issue (isIssue) with the newest date: when, and by whom, it was last issued. Equal dates: the first by source and key. */
export function lastIssue(entries: MedicationRecord[]): MedicationRecord | undefined {
  return entries.filter((e) => isIssue(e) && e.date !== undefined).sort((a, b) => byDateDesc(a.date, b.date) || bySourceThenKey(a, b))[0];
}

/** The newest date among issues (isIssue): when it was last issued. */
export function lastIssued(entries: MedicationRecord[]): string | undefined {
  return lastIssue(entries)?.date;
}
