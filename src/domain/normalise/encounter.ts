/**
 * FHIR R4 Encounter to an EncounterRecord: contacts of every kind (GP consultations,
 * admissions, home visits, ambulance call-outs, social care assessments).
 */
import type { Encounter } from 'fhir/r4';
import type { EncounterRecord, NormaliseResult, SourceRef } from '../records';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, conceptText, nonEmpty, readDate, referenceDisplay } from './fhir-values';

export const TYPE_NOT_RECORDED = 'Contact (type not recorded)';

/**
 * type: Encounter.type[0] text, else its coding display — the text first because local
 * systems put the specific wording there ("Outpatient appointment: Cardiology") and a
 * generic SNOMED CT display in the coding ("Consultation"); else the v3 ActCode class
 * display or code (R4 Encounter.class is a Coding). reason: reasonCode texts, joined.
 */
export function normaliseEncounter(r: Encounter, source: SourceRef): NormaliseResult<EncounterRecord> {
  return guard('Encounter', r, source, (base) => {
    const status = typeof r.status === 'string' && r.status ? r.status : 'unknown';
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const classCode = r.class?.code?.trim() || undefined;
    const type = conceptText(r.type?.[0]) ?? (r.class?.display?.trim() || classCode || TYPE_NOT_RECORDED);
    const start = readDate(r.period?.start, 'period.start');
    const end = readDate(r.period?.end, 'period.end');
    const reasons = nonEmpty((r.reasonCode ?? []).map(conceptText));
    const location = referenceDisplay(r.location?.[0]?.location);
    const serviceProvider = referenceDisplay(r.serviceProvider);
    return {
      ...base,
      kind: 'encounter',
      type,
      status,
      ...(classCode ? { classCode } : {}),
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
      ...(location ? { location } : {}),
      ...(serviceProvider ? { serviceProvider } : {}),
    };
  });
}
