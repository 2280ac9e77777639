import { describe, expect, it } from 'vitest';
import type { CareTeam, EpisodeOfCare, Patient, RelatedPerson } from 'fhir/r4';
import type { SourceRef } from '../records';
import { normaliseResources } from './index';
import { normaliseCareTeam, normaliseEpisodeOfCare, normalisePatientGp, normaliseRelatedPerson } from './involvement';

const source: SourceRef = { endpointId: 'cambs-asc', organisationName: 'Cambridgeshire County Council Adult Social Care', odsCode: 'L9C01' };
const patient = { reference: 'Patient/ASC3000001' };
const people = (r: { ok: boolean; record?: { people: unknown[] }; unreadable?: { problem: string } }) => (r.ok ? r.record?.people : r.unreadable?.problem);

describe('who is involved', () => {
  it('reads the registered practice from Patient.generalPractitioner, by display or ODS code', () => {
    const p: Patient = { resourceType: 'Patient', id: 'ASC3000001', generalPractitioner: [
      { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'D99001' }, display: 'Riverside Medical Practice' },
      { reference: 'Practitioner/g1', display: 'Dr Amelia Hart' },
      { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'E99002' } },
    ] };
    expect(people(normalisePatientGp(p, source))).toEqual([
      { name: 'Riverside Medical Practice', role: 'Registered GP practice', contact: [] },
      { name: 'Dr Amelia Hart', role: 'General practitioner', contact: [] },
      { name: 'ODS code E99002', role: 'Registered GP practice', contact: [] },
    ]);
  });

  it('reads care team members with roles and organisation, and a care manager with the role the episode implies', () => {
    const ct: CareTeam = { resourceType: 'CareTeam', id: 'ct1', subject: patient, name: 'Neighbourhood team', participant: [
      { role: [{ text: 'District nurse' }], member: { display: 'Julie Fenwick' }, onBehalfOf: { display: 'Ouse Community Health NHS Trust' } },
      { member: { display: 'Sam Patel' } }, { role: [{ text: 'Nobody' }] },
    ] };
    expect(people(normaliseCareTeam(ct, source))).toEqual([
      { name: 'Julie Fenwick', role: 'District nurse', organisation: 'Ouse Community Health NHS Trust', contact: [] },
      { name: 'Sam Patel', role: 'Member of the care team', contact: [] },
    ]);
    const eoc: EpisodeOfCare = { resourceType: 'EpisodeOfCare', id: 'e1', status: 'active', patient, type: [{ text: 'Care Programme Approach' }], careManager: { display: 'Sam Okoye' } };
    expect(people(normaliseEpisodeOfCare(eoc, source))).toEqual([{ name: 'Sam Okoye', role: 'Care coordinator', contact: [] }]);
    expect(people(normaliseEpisodeOfCare({ ...eoc, careManager: undefined }, source))).toBe('Nobody named');
  });

  it('reads next of kin and carers with relationship in words and current contact details only', () => {
    const rp: RelatedPerson = { resourceType: 'RelatedPerson', id: 'r1', patient, active: true,
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'NOK' }] }, { coding: [{ code: 'DAU', display: 'daughter' }] }],
      name: [{ family: 'Holt', given: ['Susan'], prefix: ['Mrs'] }],
      telecom: [{ system: 'phone', value: '07700 900123', use: 'mobile' }, { system: 'phone', value: '01223 000000', period: { end: '2020-01-01' } }],
      address: [{ line: ['4 Mill Lane'], city: 'Ely', postalCode: 'CB7 4AB' }] };
    expect(people(normaliseRelatedPerson(rp, source))).toEqual([
      { name: 'Mrs Susan Holt', role: 'Next of kin, daughter', contact: ['phone (mobile): 07700 900123', 'address: 4 Mill Lane, Ely, CB7 4AB'] },
    ]);
  });

  it('takes only the matched Patient, and only when it names a GP', () => {
    const ctx = { source, patientId: 'ASC3000001' };
    const out = normaliseResources([
      { resourceType: 'Patient', id: 'ASC3000001', generalPractitioner: [{ display: 'Riverside Medical Practice' }] },
      { resourceType: 'Patient', id: 'ASC3000002', generalPractitioner: [{ display: 'Elsewhere' }] },
      { resourceType: 'Patient', id: 'ASC3000001b' },
    ], ctx);
    expect(out.records.map((r) => r.key)).toEqual(['cambs-asc/Patient/ASC3000001']);
    expect(out.wrongSubject).toBe(1);
  });
});
