import { describe, expect, it } from 'vitest';
import type { FhirResource } from 'fhir/r4';
import type { SourceRef } from '../records';
import { normaliseResources } from './index';

const source: SourceRef = { endpointId: 'fenland-mh', organisationName: 'Fenland Mental Health NHS Foundation Trust', odsCode: 'R9M01' };
const ctx = { source, patientId: 'MH0200001', baseUrl: 'http://localhost:4110/fhir/' };
const flag = (id: string, reference: string | undefined): FhirResource => ({
  resourceType: 'Flag', id, status: 'active', code: { text: 'Reasonable adjustment: longer appointments' },
  subject: reference === undefined ? (undefined as never) : { reference },
});

describe('normaliseResources', () => {
  it("keeps the matched patient's records (relative, absolute on this base, versioned) and drops and counts anyone else's", () => {
    const out = normaliseResources(
      [
        flag('f1', 'Patient/MH0200001'),
        flag('f2', 'http://localhost:4110/fhir/Patient/MH0200001'),
        flag('f3', 'Patient/MH0200001/_history/3'),
        flag('x1', 'Patient/MH0200002'),
        flag('x2', 'http://elsewhere.example/fhir/Patient/MH0200001'),
        flag('x3', 'Patient/MH02000011'),
        flag('x4', undefined),
        { resourceType: 'AllergyIntolerance', id: 'x5', patient: { reference: 'Patient/other' }, code: { text: 'Latex' } },
      ],
      ctx,
    );
    expect(out.records.map((r) => r.key)).toEqual(['fenland-mh/Flag/f1', 'fenland-mh/Flag/f2', 'fenland-mh/Flag/f3']);
    expect(out.wrongSubject).toBe(5);
    expect(out.unreadable).toEqual([]);
  });

  it('reads the allergy subject from AllergyIntolerance.patient', () => {
    const out = normaliseResources([{ resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/MH0200001' }, code: { text: 'Latex' } }], ctx);
    expect(out.records).toHaveLength(1);
  });

  it('resolves MedicationRequest.medicationReference among the included Medications, relative or absolute', () => {
    const med: FhirResource = { resourceType: 'Medication', id: 'med-7', code: { coding: [{ system: 'https://dmd.nhs.uk', code: '39704111000001102', display: 'Sertraline 50mg tablets' }] } };
    const mr = (id: string, reference: string): FhirResource => ({
      resourceType: 'MedicationRequest', id, status: 'active', intent: 'order', subject: { reference: 'Patient/MH0200001' }, medicationReference: { reference },
    });
    const out = normaliseResources([mr('r1', 'Medication/med-7'), mr('r2', 'http://localhost:4110/fhir/Medication/med-7'), med], ctx);
    expect(out.records.map((r) => (r.kind === 'medication' ? r.name : r.kind))).toEqual(['Sertraline 50mg tablets', 'Sertraline 50mg tablets']);
  });

  it('is not fooled into records by Patients, Organizations, Medications or OperationOutcomes', () => {
    const out = normaliseResources(
      [
        { resourceType: 'Patient', id: 'MH0200001' },
        { resourceType: 'Organization', id: 'R9M01' },
        { resourceType: 'Medication', id: 'm' },
        { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'suppressed' }] },
      ],
      ctx,
    );
    expect(out).toEqual({ records: [], unreadable: [], wrongSubject: 0 });
  });

  it('reports unreadable resources with unique keys and plain problems, and never throws on junk', () => {
    const junk = [null, 7, 'x', { resourceType: 5 }, flag('', 'Patient/MH0200001'), { ...flag('', 'Patient/MH0200001'), id: undefined }, { ...flag('f9', 'Patient/MH0200001'), code: { text: 5 } }, { ...flag('f8', 'Patient/MH0200001'), period: { start: '31/12/2020' } }];
    let out: ReturnType<typeof normaliseResources> | undefined;
    expect(() => (out = normaliseResources(junk as FhirResource[], ctx))).not.toThrow();
    expect(out?.records).toEqual([]);
    const keys = out?.unreadable.map((u) => u.key) ?? [];
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(8);
    expect(out?.unreadable.map((u) => u.problem)).toEqual([
      'Not a FHIR resource', 'Not a FHIR resource', 'Not a FHIR resource', 'Not a FHIR resource',
      'No id, so the record cannot be referred to', 'No id, so the record cannot be referred to',
      'No alert text', 'The date in period.start is not a valid date: "31/12/2020"',
    ]);
    expect(normaliseResources(undefined as never, ctx)).toEqual({ records: [], unreadable: [], wrongSubject: 0 });
  });

  it('keeps a resource returned twice (overlapping pages) once', () => {
    const out = normaliseResources([flag('f1', 'Patient/MH0200001'), flag('f1', 'Patient/MH0200001')], ctx);
    expect(out.records).toHaveLength(1);
  });
});
