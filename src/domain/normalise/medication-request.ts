/**
 * FHIR R4 MedicationRequest to a MedicationRecord: prescriptions and orders, as GP
 * systems, hospitals and the Electronic Prescription Service (EPS) send them.
 */
import type { Medication, MedicationRequest } from 'fhir/r4';
import type { MedicationRecord, NormaliseResult, SourceRef } from '../records';
import { guard } from './guard';
import { conceptDisplay, firstCode, localRef, readDate } from './fhir-values';
import { doseOf, entryKindOf, medicineOf, statusGroupOf, statusOf } from './medication-common';

/** FHIR R4 MedicationRequest.category's code system (terminology.hl7.org). */
export const MEDICATION_REQUEST_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';

/** The category code from that system, if the request has one; a shape that is not read gives none. */
function requestCategoryOf(r: MedicationRequest): string | undefined {
  const categories: unknown = r.category;
  if (!Array.isArray(categories)) return undefined;
  for (const c of categories as Array<{ coding?: unknown } | null>) {
    const codings: unknown = c?.coding;
    if (!Array.isArray(codings)) continue;
    const found = (codings as Array<{ system?: unknown; code?: unknown } | null>).find((x) => x?.system === MEDICATION_REQUEST_CATEGORY && typeof x.code === 'string' && x.code.trim() !== '');
    if (found) return (found.code as string).trim();
  }
  return undefined;
}

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
    const requestCategory = requestCategoryOf(r);
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
      ...(requestCategory ? { requestCategory } : {}),
    };
  });
}
