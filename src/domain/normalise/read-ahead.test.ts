/**
 * Records read ahead from a source's first pages (prenormalise) must be exactly the records
 * normaliseResources would read from the whole answer: the same records, only sooner.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DiagnosticReport, FhirResource, Medication, MedicationRequest, Observation } from 'fhir/r4';
import { generateWorld } from '../../../mocks/data/world';
import { hostileResource } from '../../../mocks/data/hostile/hostile-resource';
import { sandboxTopology } from '../../../mocks/sandbox/topology';
import { normaliseResources, prenormalise } from './index';

const world = generateWorld();
const topology = sandboxTopology();
const gp = topology.endpoints.find((e) => e.id === 'riverside-gp')!;
const SOURCE = { endpointId: gp.id, organisationName: gp.organisationName, odsCode: gp.odsCode };
const OTHER = { endpointId: 'stort-acute', organisationName: 'Stort Valley Hospital', odsCode: 'RQ8' };
const person = world.people.find((p) => p.patientIds[gp.id] !== undefined)!;
const PATIENT_ID = person.patientIds[gp.id]!;
const CTX = { source: SOURCE, patientId: PATIENT_ID, baseUrl: gp.baseUrl };

// A medicine named by a Medication, and a report governed by its result: each may come on another page.
const request: MedicationRequest = {
  resourceType: 'MedicationRequest', id: 'mr-1', status: 'active', intent: 'order', subject: { reference: `Patient/${PATIENT_ID}` },
  medicationReference: { reference: 'Medication/med-1' }, authoredOn: '2026-11-02',
};
const medication: Medication = { resourceType: 'Medication', id: 'med-1', code: { text: 'Amlodipine 5mg tablets' } };
const report: DiagnosticReport = {
  resourceType: 'DiagnosticReport', id: 'dr-1', status: 'final', code: { text: 'Full blood count' }, subject: { reference: `Patient/${PATIENT_ID}` },
  effectiveDateTime: '2026-11-02', result: [{ reference: 'Observation/obs-1' }],
};
const result: Observation = {
  resourceType: 'Observation', id: 'obs-1', status: 'final', code: { text: 'Haemoglobin' }, subject: { reference: `Patient/${PATIENT_ID}` },
  effectiveDateTime: '2026-11-02', valueQuantity: { value: 131, unit: 'g/L' }, meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
};

// Real shapes from the synthetic world (every record type, included Medications, other
// patients' records), hostile copies of some, and values that are not resources at all.
const atGp: FhirResource[] = world.byEndpoint[gp.id] ?? [];
const POOL: unknown[] = [
  ...atGp.slice(0, 400),
  ...atGp.slice(0, 40).map((r) => hostileResource(structuredClone(r))),
  null,
  42,
  { resourceType: 'Encounter' },
  { resourceType: 'Encounter', id: 'no-subject' },
  { resourceType: 'Condition', id: 'bad-date', subject: { reference: `Patient/${PATIENT_ID}` }, onsetDateTime: '2023-02-30' },
  request,
  medication,
  report,
  result,
];

describe('records read ahead from the first pages', () => {
  it('are the records read from the whole answer, whatever part was read ahead and in whatever order the answer comes', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(POOL.map((_, i) => i), { minLength: 1 }), fc.func(fc.boolean()), (order, ahead) => {
        const answer = order.map((i) => POOL[i]) as FhirResource[];
        const firstPages = answer.filter((_, i) => ahead(i));
        const plain = normaliseResources(answer, CTX);
        expect(normaliseResources(answer, CTX, prenormalise(firstPages, SOURCE))).toEqual(plain);
      }),
      { numRuns: 100 },
    );
  });

  it('are not used for another organisation: the records are this one’s', () => {
    const encounters = atGp.filter((r) => r.resourceType === 'Encounter' && JSON.stringify(r).includes(`"Patient/${PATIENT_ID}"`)).slice(0, 3);
    expect(encounters.length).toBe(3);
    const out = normaliseResources(encounters, CTX, prenormalise(encounters, OTHER));
    expect(out.records.map((r) => r.key)).toEqual(encounters.map((e) => `riverside-gp/Encounter/${e.id}`));
    expect(out.records.every((r) => r.source.organisationName === gp.organisationName)).toBe(true);
  });

  it('still pass the subject check: a record about someone else read ahead is dropped and counted', () => {
    const someoneElse = { resourceType: 'Encounter', id: 'e-other', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/not-this-one' } } as FhirResource;
    const out = normaliseResources([someoneElse], CTX, prenormalise([someoneElse], SOURCE));
    expect(out).toEqual({ records: [], unreadable: [], wrongSubject: 1 });
  });

  it('leave a medicine named by a Medication on a later page to the whole answer', () => {
    const out = normaliseResources([request, medication], CTX, prenormalise([request], SOURCE));
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ kind: 'medication', name: 'Amlodipine 5mg tablets' });
  });

  it('leave a report whose result comes on a later page to the whole answer, so the result governs it', () => {
    const out = normaliseResources([report, result], CTX, prenormalise([report], SOURCE));
    const read = out.records.find((r) => r.key === 'riverside-gp/DiagnosticReport/dr-1');
    expect(read).toMatchObject({ governedWith: [result], unresolvedResults: 0 });
  });
});
