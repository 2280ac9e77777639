/**
 * FHIR R4 MedicationRequest to a MedicationRecord: prescriptions and orders, as GP
 * systems, hospitals and the Electronic Prescription Service (EPS) send them.
 */
import type { Medication, MedicationRequest } from 'fhir/r4';
import type { MedicationRecord, NormaliseResult, SourceRef } from '../records';
import { guard } from './guard';
import { conceptDisplay, firstCode, localRef, readDate } from './fhir-values';
import { doseOf, entryKindOf, medicineOf, statusGroupOf, statusOf } from './medication-common';

/**
 * date = authoredOn; endDate = dispenseRequest.validityPeriod.end (after it, the
 * prescription can no longer be dispensed); course = courseOfTherapyType display, e.g.
 * "Continuous long term therapy", "Short course (acute) therapy".
 */
export function normaliseMedicationRequest(
  r: MedicationRequest,
  source: SourceRef,
  medications?: Map<string, Medication>,
): NormaliseResult<MedicationRecord> {
  return guard('MedicationRequest', r, source, (base) => {
    const status = statusOf(r);
    const statusGroup = statusGroupOf(status);
    const { name, codes, medication } = medicineOf(r, medications);
    const date = readDate(r.authoredOn, 'authoredOn');
    const endDate = readDate(r.dispenseRequest?.validityPeriod?.end, 'dispenseRequest.validityPeriod.end');
    const dose = doseOf(r.dosageInstruction);
    const courseOfTherapy = conceptDisplay(r.courseOfTherapyType);
    const courseCode = firstCode(r.courseOfTherapyType);
    const intent = typeof r.intent === 'string' && r.intent.trim() ? r.intent.trim() : undefined;
    const repeats = r.dispenseRequest?.numberOfRepeatsAllowed;
    const encounterRef = localRef(r.encounter, 'Encounter');
    return {
      ...base,
      ...(medication ? { governedBy: [medication] } : {}),
      kind: 'medication',
      resourceType: 'MedicationRequest',
      name,
      codes,
      status,
      statusGroup,
      ...(dose ? { dose } : {}),
      ...(date ? { date } : {}),
      ...(endDate ? { endDate } : {}),
      ...(courseOfTherapy ? { courseOfTherapy } : {}),
      entryKind: entryKindOf(intent),
      ...(intent ? { intent } : {}),
      ...(courseCode ? { courseCode } : {}),
      ...(typeof repeats === 'number' && Number.isInteger(repeats) && repeats >= 0 ? { repeatsAllowed: repeats } : {}),
      ...(encounterRef ? { encounterRef } : {}),
    };
  });
}
