/**
 * The whole record for one person, from every source, in the order each section shows
 * it. Pure and complete: every record passed in appears exactly once, with its source —
 * a summary that dropped an item would look whole while it was not.
 */
import type { AlertRecord, CarePlanRecord, CareRecord, ConditionRecord, EncounterRecord, InvolvementRecord, MedicationRecord } from './records';
import { groupAlerts, type AlertSummary } from './group-alerts';
import { groupConditions, type ConditionSummary } from './group-conditions';
import { encounterTimeline } from './encounter-timeline';
import { groupMedications, type MedicineGroup } from './merge-medications';
import { byDateDesc, bySourceThenKey } from './record-order';

export interface RecordSummary {
  medications: MedicineGroup[];
  encounters: EncounterRecord[];
  /** active first, then newest */
  carePlans: CarePlanRecord[];
  /** active first; flags then allergies */
  alerts: AlertRecord[];
  /** active first, then newest onset */
  conditions: ConditionRecord[];
  /** One line per alert and allergy across organisations (group-alerts.ts). */
  alertLines: AlertSummary;
  /** One line per problem across organisations (group-conditions.ts). */
  problems: ConditionSummary;
  /** Who is involved: registered GP, care teams, care managers, family and carers; by source then key. */
  involvement: InvolvementRecord[];
}

/** FHIR R4 condition-clinical codes that mean the problem is present now. */
const ACTIVE_CONDITION = new Set(['active', 'recurrence', 'relapse']);

const activeFirst = (a: boolean, b: boolean) => Number(b) - Number(a);

/**
 * Care plans: active first, then newest start. Alerts: active first (a warning in force
 * matters more than its history), flags before allergies, then newest. Conditions:
 * active first, then newest onset. Every ordering ends with source and key, so the
 * result does not depend on which source answered first.
 */
export function buildSummary(records: CareRecord[], now: Date): RecordSummary {
  const medications: MedicationRecord[] = [];
  const encounters: EncounterRecord[] = [];
  const carePlans: CarePlanRecord[] = [];
  const alerts: AlertRecord[] = [];
  const conditions: ConditionRecord[] = [];
  const involvement: InvolvementRecord[] = [];
  for (const r of records) {
    if (r.kind === 'medication') medications.push(r);
    else if (r.kind === 'encounter') encounters.push(r);
    else if (r.kind === 'care-plan') carePlans.push(r);
    else if (r.kind === 'alert') alerts.push(r);
    else if (r.kind === 'condition') conditions.push(r);
    else if (r.kind === 'involvement') involvement.push(r);
  }
  return {
    alertLines: groupAlerts(alerts),
    problems: groupConditions(conditions),
    involvement: involvement.sort(bySourceThenKey),
    medications: groupMedications(medications, now),
    encounters: encounterTimeline(encounters),
    carePlans: carePlans.sort(
      (a, b) => activeFirst(a.status === 'active', b.status === 'active') || byDateDesc(a.start, b.start) || bySourceThenKey(a, b),
    ),
    alerts: alerts.sort(
      (a, b) =>
        activeFirst(a.status === 'active', b.status === 'active') ||
        activeFirst(a.resourceType === 'Flag', b.resourceType === 'Flag') ||
        byDateDesc(a.start, b.start) ||
        bySourceThenKey(a, b),
    ),
    conditions: conditions.sort(
      (a, b) =>
        activeFirst(ACTIVE_CONDITION.has(a.clinicalStatus), ACTIVE_CONDITION.has(b.clinicalStatus)) ||
        byDateDesc(a.onset, b.onset) ||
        bySourceThenKey(a, b),
    ),
  };
}
