/**
 * FHIR R4 Encounter to an EncounterRecord: contacts of every kind (GP consultations,
 * admissions, home visits, ambulance call-outs, social care assessments).
 */
import type { Encounter } from 'fhir/r4';
import type { EncounterRecord, NormaliseResult, SourceRef } from '../records';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, conceptText, localRef, nonEmpty, readDate, referenceDisplay } from './fhir-values';
import { codingWords, conceptWords } from '../coded-words';

export const TYPE_NOT_RECORDED = 'Contact (type not recorded)';

/** http://terminology.hl7.org/CodeSystem/diagnosis-role, when only the code is sent. */
const USE_WORDS: Record<string, string> = {
  AD: 'Admission diagnosis', DD: 'Discharge diagnosis', CC: 'Chief complaint', CM: 'Comorbidity', 'pre-op': 'Pre-operative diagnosis',
  'post-op': 'Post-operative diagnosis', billing: 'Billing diagnosis',
};

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
    const type = conceptText(r.type?.[0]) ?? (codingWords('encounter-class', r.class) || TYPE_NOT_RECORDED);
    const start = readDate(r.period?.start, 'period.start');
    const end = readDate(r.period?.end, 'period.end');
    const reasons = nonEmpty((r.reasonCode ?? []).map(conceptText));
    const location = referenceDisplay(r.location?.[0]?.location);
    const serviceProvider = referenceDisplay(r.serviceProvider);
    const locations = nonEmpty((r.location ?? []).map((l) => referenceDisplay(l?.location)));
    const participants = (r.participant ?? []).flatMap((p) => {
      const name = referenceDisplay(p?.individual);
      if (!name) return [];
      return [{ name, roles: nonEmpty((p.type ?? []).map((t) => conceptWords('participant-type', t))) }];
    });
    const diagnoses = (r.diagnosis ?? []).flatMap((d) => {
      const conditionRef = localRef(d?.condition, 'Condition');
      const display = referenceDisplay(d?.condition);
      if (!conditionRef && !display) return [];
      const use = conceptText(d.use) ?? (d.use?.coding ?? []).map((c) => c?.code).find(Boolean);
      return [{ ...(conditionRef ? { conditionRef } : {}), ...(display ? { display } : {}), ...(use ? { use: USE_WORDS[use] ?? use } : {}), ...(typeof d.rank === 'number' ? { rank: d.rank } : {}) }];
    });
    const dischargeDisposition = conceptWords('discharge-disposition', r.hospitalization?.dischargeDisposition);
    const admitSource = conceptWords('admit-source', r.hospitalization?.admitSource);
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
      locations,
      participants,
      diagnoses,
      ...(dischargeDisposition ? { dischargeDisposition } : {}),
      ...(admitSource ? { admitSource } : {}),
    };
  });
}
