/**
 * FHIR R4 MedicationStatement to a MedicationRecord: what a person is or was taking, as
 * hospitals record it at medicines reconciliation (often naming the medicine through a
 * contained Medication).
 */
import type { Medication, MedicationStatement } from 'fhir/r4';
import type { MedicationRecord, NormaliseResult, SourceRef } from '../records';
import { guard } from './guard';
import { localRef, readDate } from './fhir-values';
import { doseOf, medicineOf, statusGroupOf, statusOf } from './medication-common';

/**
 * date = effectiveDateTime, else effectivePeriod.start, else dateAsserted (when the
 * statement was made); endDate = effectivePeriod.end. R4 MedicationStatement has no
 * course of therapy.
 */
export function normaliseMedicationStatement(
  r: MedicationStatement,
  source: SourceRef,
  medications?: Map<string, Medication>,
): NormaliseResult<MedicationRecord> {
  return guard('MedicationStatement', r, source, (base) => {
    const status = statusOf(r);
    const statusGroup = statusGroupOf(status);
    const { name, codes, medication } = medicineOf(r, medications);
    const date =
      readDate(r.effectiveDateTime, 'effectiveDateTime') ??
      readDate(r.effectivePeriod?.start, 'effectivePeriod.start') ??
      readDate(r.dateAsserted, 'dateAsserted');
    const endDate = readDate(r.effectivePeriod?.end, 'effectivePeriod.end');
    const dose = doseOf(r.dosage);
    return {
      ...base,
      ...(medication ? { governedBy: [medication] } : {}),
      kind: 'medication',
      resourceType: 'MedicationStatement',
      name,
      codes,
      status,
      statusGroup,
      ...(dose ? { dose } : {}),
      ...(date ? { date } : {}),
      ...(endDate ? { endDate } : {}),
      entryKind: 'statement',
      ...(localRef(r.context, 'Encounter') ? { encounterRef: localRef(r.context, 'Encounter') } : {}),
    };
  });
}
