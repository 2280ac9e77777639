/**
 * Problems and diagnoses across organisations, one line per problem: grouped by SNOMED
 * CT code, then by normalised text (group-by-code.ts), every entry and organisation
 * kept. Active problems apart from resolved or inactive ones; problem-list items apart
 * from diagnoses recorded at a contact. Refuted (ruled out) entries are left out of the
 * lines and listed apart, so the viewer can say so. docs/clinical-rules.md, "Problems".
 */
import type { ConditionRecord } from './records';
import { groupByCodeThenText } from './group-by-code';
import { byDateDesc, byName, bySourceThenKey, byText } from './record-order';

export const SNOMED_CT = 'http://snomed.info/sct';
/** FHIR R4 condition-clinical codes that mean the problem is present now. */
export const ACTIVE_CONDITION: ReadonlySet<string> = new Set(['active', 'recurrence', 'relapse']);

export interface ConditionGroup {
  key: string;
  name: string;
  /** Active at any organisation (its latest entry there): shown with the active problems. */
  active: boolean;
  /** Any organisation has it on its problem list (else: diagnoses at contacts only). */
  problemList: boolean;
  /** The earliest onset any organisation gives. */
  onset?: string;
  /** The newest recorded date (recordedDate, else onset) of any entry. */
  lastRecorded?: string;
  /** Active at one organisation, resolved or inactive at another: shown, not resolved. */
  statusDiffers: boolean;
  /** Every entry from every organisation, newest first. */
  entries: ConditionRecord[];
  /** Endpoint ids, in order of their newest entry. */
  sources: string[];
}

export interface ConditionSummary {
  /** Active problems on a problem list. */
  problems: ConditionGroup[];
  /** Active diagnoses recorded at contacts only. */
  diagnoses: ConditionGroup[];
  /** Resolved, inactive, in remission or status not known. */
  inactive: ConditionGroup[];
  /** Ruled out (verificationStatus refuted): not listed as problems. */
  refuted: ConditionRecord[];
}

const recorded = (c: ConditionRecord) => c.recordedDate ?? c.onset;
const byEntryOrder = (a: ConditionRecord, b: ConditionRecord) => byDateDesc(recorded(a), recorded(b)) || bySourceThenKey(a, b);
const snomedCodes = (c: ConditionRecord) => [...new Set(c.codes.filter((x) => x.system === SNOMED_CT).map((x) => x.code))];

function toGroup(key: string, records: ConditionRecord[]): ConditionGroup {
  const entries = [...records].sort(byEntryOrder);
  const latest = new Map<string, ConditionRecord>();
  for (const e of entries) if (!latest.has(e.source.endpointId)) latest.set(e.source.endpointId, e);
  const statuses = [...latest.values()].map((e) => ACTIVE_CONDITION.has(e.clinicalStatus));
  const onset = entries.map((e) => e.onset).filter((d): d is string => d !== undefined).sort((a, b) => byDateDesc(b, a))[0];
  const lastRecorded = entries.map(recorded).find((d) => d !== undefined);
  return {
    key,
    name: (entries[0] as ConditionRecord).text,
    active: statuses.some(Boolean),
    problemList: entries.some((e) => e.category === 'problem-list-item'),
    ...(onset ? { onset } : {}),
    ...(lastRecorded ? { lastRecorded } : {}),
    statusDiffers: statuses.some(Boolean) && statuses.some((s) => !s),
    entries,
    sources: [...latest.keys()],
  };
}

/** Ordered: newest recorded first, then name, then key (a total order, whatever order the sources answered in). */
export function groupConditions(records: readonly ConditionRecord[]): ConditionSummary {
  const refuted = records.filter((r) => r.clinicalStatus === 'refuted').sort(bySourceThenKey);
  const kept = records.filter((r) => r.clinicalStatus !== 'refuted');
  const groups = [...groupByCodeThenText(kept, snomedCodes, (r) => r.text)]
    .map(([key, rs]) => toGroup(key, rs))
    .sort((a, b) => byDateDesc(a.lastRecorded, b.lastRecorded) || byName(a.name, b.name) || byText(a.key, b.key));
  return {
    problems: groups.filter((g) => g.active && g.problemList),
    diagnoses: groups.filter((g) => g.active && !g.problemList),
    inactive: groups.filter((g) => !g.active),
    refuted,
  };
}
