/**
 * Hand-written records for the typical person (Margaret Whitfield, launchable at every
 * host) that exercise the clinical summary's rules (docs/clinical-rules.md), in the
 * shapes of the UK Core examples: a problem recorded at a contact and one resolved on the
 * problem list; "no known drug allergy" at the hospital beside the GP's penicillin; an
 * allergy entered in error and one refuted; a ReSPECT decision held at three
 * organisations; a statin as `intent=option`; a dose that differs, a medicine stopped at
 * the hospital but active at the GP, one known to the GP only, and a repeat left active
 * for years; an admission with reason, diagnoses, clinicians, locations, admission source
 * and discharge disposition (codes only, no displays) and items recorded in it; and who is
 * involved: a community care team, a social care key worker, the next of kin and a carer.
 * Fixed ids (`i12-…`) so that the rest of the world keeps its ids and tests can name them.
 */
import type { AllergyIntolerance, CareTeam, Condition, Encounter, EpisodeOfCare, Flag, MedicationRequest, MedicationStatement, RelatedPerson } from 'fhir/r4';
import type { RecordContext } from './context';
import { MEDICINES, type MedicineKey } from './medicines';
import { addMinutes, dateBefore, instantBefore } from './clock';
import {
  ALLERGY_CLINICAL, ALLERGY_VERIFICATION, CONDITION_CATEGORY, CONDITION_CLINICAL, CONDITION_VERIFICATION, DMD, FLAG_CATEGORY,
  MED_COURSE, SNOMED, V3_ACT_CODE, V3_PARTICIPATION_TYPE,
} from './systems';

const V3_ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

export const RESPECT_TEXT = 'ReSPECT form completed: not for cardiopulmonary resuscitation';
export const ADMISSION_TYPE = 'Emergency admission following a fall';

const respect = (ctx: RecordContext, days: number): Flag => ({
  resourceType: 'Flag', id: 'i12-flag-respect', status: 'active',
  category: [{ coding: [{ system: FLAG_CATEGORY, code: 'advance-directive', display: 'Advance Directive' }] }],
  code: { coding: [{ system: SNOMED, code: '304253006', display: 'Not for resuscitation' }], text: RESPECT_TEXT },
  subject: ctx.subject, period: { start: dateBefore(days) }, author: ctx.organisation,
});

const condition = (ctx: RecordContext, id: string, o: Partial<Condition>): Condition => ({
  resourceType: 'Condition', id,
  clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: 'active', display: 'Active' }] },
  verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: 'confirmed', display: 'Confirmed' }] },
  subject: ctx.subject, ...o,
});

const medRequest = (ctx: RecordContext, id: string, key: MedicineKey, o: Partial<MedicationRequest>): MedicationRequest => ({
  resourceType: 'MedicationRequest', id, status: 'active', intent: 'order',
  medicationCodeableConcept: { coding: [{ system: ctx.endpoint.id === 'ouse-valley-acute' ? SNOMED : DMD, code: MEDICINES[key].code, display: MEDICINES[key].display }] },
  subject: ctx.subject, dosageInstruction: [{ text: MEDICINES[key].dose }],
  courseOfTherapyType: { coding: [{ system: MED_COURSE, code: 'continuous', display: 'Continuous long term therapy' }] }, ...o,
});

function gp(ctx: RecordContext): void {
  ctx.add(respect(ctx, 120));
  ctx.add(condition(ctx, 'i12-cond-hip', {
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: 'resolved' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: { text: 'Loosening of total hip replacement' }, onsetDateTime: '2019-04', abatementDateTime: '2020-01-15', recordedDate: '2019-04-20',
  }));
  ctx.add<AllergyIntolerance>({
    resourceType: 'AllergyIntolerance', id: 'i12-alg-eie',
    clinicalStatus: { coding: [{ system: ALLERGY_CLINICAL, code: 'active' }] },
    verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'entered-in-error', display: 'Entered in Error' }] },
    code: { coding: [{ system: SNOMED, code: '294505008', display: 'Allergy to amoxicillin' }] }, patient: ctx.subject, recordedDate: '2024-03-02',
  });
  ctx.add(medRequest(ctx, 'i12-mr-option', 'atorvastatin', { intent: 'option', authoredOn: instantBefore(20, 600), note: [{ text: 'Discussed: patient to consider a statin' }] }));
  ctx.add(medRequest(ctx, 'i12-mr-cocodamol', 'cocodamol', { authoredOn: instantBefore(12, 600), dispenseRequest: { numberOfRepeatsAllowed: 5 } }));
  ctx.add(medRequest(ctx, 'i12-mr-furosemide', 'furosemide', { authoredOn: instantBefore(800, 600) }));
  ctx.add<RelatedPerson>({
    resourceType: 'RelatedPerson', id: 'i12-rp-carer', active: true, patient: ctx.subject,
    relationship: [{ coding: [{ system: V3_ROLE_CODE, code: 'CAREGIVER' }] }, { coding: [{ system: V3_ROLE_CODE, code: 'HUSB', display: 'husband' }] }],
    name: [{ use: 'official', family: 'Whitfield', given: ['Peter'], prefix: ['Mr'] }],
    telecom: [{ system: 'phone', value: '01223 960 412', use: 'home' }],
  });
}

function acute(ctx: RecordContext): void {
  ctx.add(respect(ctx, 40));
  const start = instantBefore(40, 14 * 60);
  const end = addMinutes(start, 5 * 1440 + 180);
  const admission: Encounter = {
    resourceType: 'Encounter', id: 'i12-enc-admission', status: 'finished',
    class: { system: V3_ACT_CODE, code: 'IMP' },
    type: [{ coding: [{ system: SNOMED, code: '32485007', display: 'Hospital admission' }], text: ADMISSION_TYPE }],
    subject: ctx.subject,
    participant: [
      { type: [{ coding: [{ system: V3_PARTICIPATION_TYPE, code: 'ATND' }] }], individual: { display: 'Dr Priya Raman, Consultant geriatrician' } },
      { type: [{ coding: [{ system: V3_PARTICIPATION_TYPE, code: 'DIS' }] }], individual: { display: 'Dr Owen Price' } },
    ],
    period: { start, end },
    reasonCode: [{ text: 'Fall at home, unable to weight bear' }],
    diagnosis: [
      { condition: { reference: 'Condition/i12-cond-bleed' }, rank: 2 },
      { condition: { reference: 'Condition/i12-cond-nof' }, use: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/diagnosis-role', code: 'DD' }] }, rank: 1 },
    ],
    hospitalization: {
      admitSource: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/admit-source', code: 'emd' }] },
      dischargeDisposition: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'home' }] },
    },
    location: [{ location: { display: 'Ward 7 (Care of the elderly)' } }, { location: { display: 'Discharge lounge' } }],
    serviceProvider: ctx.organisation,
  };
  ctx.add(admission);
  const enc = { reference: 'Encounter/i12-enc-admission' };
  const diagnosis = [{ coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }];
  ctx.add(condition(ctx, 'i12-cond-nof', { category: diagnosis, code: { coding: [{ system: SNOMED, code: '5913000', display: 'Fracture of neck of femur' }] }, onsetDateTime: start, recordedDate: start, encounter: enc }));
  ctx.add(condition(ctx, 'i12-cond-bleed', { category: diagnosis, code: { text: 'Bleeding from ear' }, onsetDateTime: start, recordedDate: start, encounter: enc }));
  ctx.add(medRequest(ctx, 'i12-mr-paracetamol', 'paracetamol', {
    status: 'completed', authoredOn: end, encounter: enc,
    courseOfTherapyType: { coding: [{ system: MED_COURSE, code: 'acute', display: 'Short course (acute) therapy' }] },
  }));
  ctx.add<AllergyIntolerance>({
    resourceType: 'AllergyIntolerance', id: 'i12-alg-nkda',
    clinicalStatus: { coding: [{ system: ALLERGY_CLINICAL, code: 'active' }] },
    verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'confirmed' }] },
    code: { coding: [{ system: SNOMED, code: '409137002', display: 'No known drug allergy (situation)' }] }, patient: ctx.subject, recordedDate: start,
  });
  ctx.add<AllergyIntolerance>({
    resourceType: 'AllergyIntolerance', id: 'i12-alg-refuted', type: 'intolerance', category: ['medication'],
    clinicalStatus: { coding: [{ system: ALLERGY_CLINICAL, code: 'inactive' }] },
    verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'refuted', display: 'Refuted' }] },
    code: { coding: [{ system: SNOMED, code: '387494007', display: 'Codeine' }] }, patient: ctx.subject, recordedDate: start,
  });
  // Newest at the hospital: a different bisoprolol dose, and ramipril stopped while the GP still issues it.
  ctx.add<MedicationStatement>({
    resourceType: 'MedicationStatement', id: 'i12-ms-bisoprolol', status: 'active', subject: ctx.subject, dateAsserted: instantBefore(1, 9 * 60),
    medicationCodeableConcept: { coding: [{ system: SNOMED, code: MEDICINES.bisoprolol.code, display: MEDICINES.bisoprolol.display }] },
    dosage: [{ text: 'Half a tablet each morning (reduced: slow heart rate)' }], informationSource: ctx.organisation,
  });
  ctx.add(medRequest(ctx, 'i12-mr-ramipril-stop', 'ramipril', { status: 'stopped', authoredOn: instantBefore(1, 10 * 60), statusReason: { text: 'Stopped on admission: acute kidney injury' } }));
}

function community(ctx: RecordContext): void {
  ctx.add(respect(ctx, 90));
  ctx.add<CareTeam>({
    resourceType: 'CareTeam', id: 'i12-ct-neighbourhood', status: 'active', name: 'Neighbourhood nursing team (North)', subject: ctx.subject,
    period: { start: '2025-02-01' },
    participant: [
      { role: [{ text: 'District nurse' }], member: { display: 'Julie Fenwick' }, onBehalfOf: ctx.organisation },
      { role: [{ coding: [{ system: SNOMED, code: '224587008', display: 'Community matron' }] }], member: { display: 'Sam Patel' } },
    ],
  });
}

function socialCare(ctx: RecordContext): void {
  ctx.add<EpisodeOfCare>({
    resourceType: 'EpisodeOfCare', id: 'i12-eoc-support', status: 'active', patient: ctx.subject,
    type: [{ text: 'Long-term support (key worker allocated)' }],
    managingOrganization: ctx.organisation, period: { start: '2025-03-01' },
    careManager: { display: 'Joanne Pike' },
  });
  ctx.add<RelatedPerson>({
    resourceType: 'RelatedPerson', id: 'i12-rp-nok', active: true, patient: ctx.subject,
    relationship: [{ coding: [{ system: V3_ROLE_CODE, code: 'NOK' }] }, { coding: [{ system: V3_ROLE_CODE, code: 'DAU' }] }],
    name: [{ use: 'official', family: 'Holt', given: ['Susan'], prefix: ['Mrs'] }],
    telecom: [{ system: 'phone', value: '07700 900123', use: 'mobile' }, { system: 'email', value: 'susan.holt@example.org', use: 'home' }],
    address: [{ line: ['4 Mill Lane'], city: 'Ely', postalCode: 'CB7 4AB' }],
  });
}

/** Adds this endpoint's part of the typical person's hand-written records. */
export function clinicalSummaryExamples(ctx: RecordContext): void {
  if (ctx.endpoint.id === 'riverside-gp') gp(ctx);
  else if (ctx.endpoint.id === 'ouse-valley-acute') acute(ctx);
  else if (ctx.endpoint.id === 'ouse-community') community(ctx);
  else if (ctx.endpoint.id === 'cambs-asc') socialCare(ctx);
}
