/**
 * What happened at one contact, from what its organisation sent: length of stay, the
 * diagnoses it names (Encounter.diagnosis resolved to that organisation's Conditions)
 * and the items recorded in it (records whose encounter reference names it). Links are
 * followed only within one organisation's answer: ids repeat between servers. Pure.
 */
import type { CareRecord, ConditionRecord, EncounterRecord } from './records';
import { instantOf } from './record-order';

const DAY_MS = 86_400_000;

/**
 * Length of stay in whole days (nights) for a contact with a start and an end, "less than
 * a day" when shorter; for one still in progress, the days so far when `now` is given.
 */
export function lengthOfStay(e: EncounterRecord, now?: Date): string | undefined {
  const start = instantOf(e.start);
  if (start === undefined) return undefined;
  const endAt = instantOf(e.end);
  const end = endAt ?? (e.status === 'in-progress' && now ? now.getTime() : undefined);
  if (end === undefined || end < start) return undefined;
  const days = Math.floor((end - start) / DAY_MS);
  const words = days === 0 ? 'less than a day' : days === 1 ? '1 day' : `${days} days`;
  return endAt === undefined ? `${words} so far` : words;
}

const idOf = (r: CareRecord) => r.key.slice(r.source.endpointId.length + 1);

/** Records of the same organisation whose encounter (or context) reference names this contact. */
export function itemsOfEncounter(e: EncounterRecord, records: readonly CareRecord[]): CareRecord[] {
  const ref = idOf(e);
  return records.filter(
    (r) => r.source.endpointId === e.source.endpointId && r.key !== e.key && (r.kind === 'medication' || r.kind === 'condition') && r.encounterRef === ref,
  );
}

export interface EncounterDiagnosis {
  text: string;
  use?: string;
  rank?: number;
  condition?: ConditionRecord;
}

/**
 * Encounter.diagnosis in rank order: each Condition found in the same organisation's
 * answer gives its text; otherwise the reference's display; otherwise it is said that the
 * diagnosis was not sent (never silently dropped).
 */
export function encounterDiagnoses(e: EncounterRecord, records: readonly CareRecord[]): EncounterDiagnosis[] {
  const conditions = new Map(
    records.filter((r): r is ConditionRecord => r.kind === 'condition' && r.source.endpointId === e.source.endpointId).map((c) => [idOf(c), c]),
  );
  return [...(e.diagnoses ?? [])]
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))
    .map((d) => {
      const condition = d.conditionRef ? conditions.get(d.conditionRef) : undefined;
      const text = condition?.text ?? d.display ?? 'A diagnosis the organisation did not send';
      return { text, ...(d.use ? { use: d.use } : {}), ...(d.rank !== undefined ? { rank: d.rank } : {}), ...(condition ? { condition } : {}) };
    });
}
