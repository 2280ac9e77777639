import { describe, expect, it } from 'vitest';
import type { Medication, MedicationRequest, MedicationStatement } from 'fhir/r4';
import type { SourceRef } from '../records';
import { normaliseMedicationRequest, normaliseMedicationStatement } from './index';

const source: SourceRef = { endpointId: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001' };
const amlodipine = { coding: [{ system: 'https://dmd.nhs.uk', code: '319283006', display: 'Amlodipine 5mg tablets' }] };

const request = (extra: Partial<MedicationRequest> = {}): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  medicationCodeableConcept: amlodipine,
  authoredOn: '2026-10-04T10:00:00Z',
  dosageInstruction: [{ text: 'One tablet once a day' }],
  courseOfTherapyType: { coding: [{ code: 'continuous', display: 'Continuous long term therapy' }] },
  ...extra,
});

const unreadable = (r: ReturnType<typeof normaliseMedicationRequest>) => (r.ok ? undefined : r.unreadable.problem);

describe('normaliseMedicationRequest', () => {
  it('reads name, codes, status, date, dose and course, keyed by source', () => {
    const r = normaliseMedicationRequest(request({ meta: { lastUpdated: '2026-10-04T10:01:00Z' } }), source);
    expect(r).toEqual({
      ok: true,
      record: {
        key: 'riverside-gp/MedicationRequest/mr-1',
        source,
        lastUpdated: '2026-10-04T10:01:00Z',
        original: expect.objectContaining({ id: 'mr-1' }),
        kind: 'medication',
        resourceType: 'MedicationRequest',
        name: 'Amlodipine 5mg tablets',
        codes: [{ system: 'https://dmd.nhs.uk', code: '319283006', display: 'Amlodipine 5mg tablets' }],
        status: 'active',
        statusGroup: 'current',
        date: '2026-10-04T10:00:00Z',
        dose: 'One tablet once a day',
        courseOfTherapy: 'Continuous long term therapy',
        courseCode: 'continuous',
        entryKind: 'prescription',
        intent: 'order',
      },
    });
  });

  it('reads where the medicine is given from category in the FHIR code system, and leaves out what it cannot read', () => {
    const CATEGORY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';
    const categoryOf = (category: unknown) => {
      const r = normaliseMedicationRequest(request({ category } as Partial<MedicationRequest>), source);
      return r.ok ? r.record.requestCategory : 'unreadable';
    };
    expect(categoryOf([{ coding: [{ system: CATEGORY, code: 'inpatient', display: 'Inpatient' }] }])).toBe('inpatient');
    // Another system's code first, then the FHIR one in a second category.
    expect(categoryOf([{ coding: [{ system: 'http://example.org/local', code: 'ward' }] }, { coding: [{ system: CATEGORY, code: 'community' }] }])).toBe('community');
    expect(categoryOf([{ text: 'Inpatient' }])).toBeUndefined();
    expect(categoryOf({ coding: [{ system: CATEGORY, code: 'inpatient' }] })).toBeUndefined();
    expect(categoryOf([null, { coding: 'inpatient' }, { coding: [{ system: CATEGORY, code: 7 }] }])).toBeUndefined();
    expect(categoryOf(undefined)).toBeUndefined();
  });

  it('prefers a dm+d display, then SNOMED CT, then text, then any display', () => {
    const name = (cc: MedicationRequest['medicationCodeableConcept']) => {
      const r = normaliseMedicationRequest(request({ medicationCodeableConcept: cc }), source);
      return r.ok ? r.record.name : r.unreadable.problem;
    };
    const local = { system: 'https://local.example/drugs', code: 'A1', display: 'AMLO 5' };
    expect(name({ text: 'amlodipine', coding: [local, { system: 'http://snomed.info/sct', code: '1', display: 'SNOMED name' }, { system: 'https://dmd.nhs.uk', code: '1', display: 'dm+d name' }] })).toBe('dm+d name');
    expect(name({ text: 'amlodipine', coding: [local, { system: 'http://snomed.info/sct', code: '1', display: 'SNOMED name' }] })).toBe('SNOMED name');
    expect(name({ text: 'amlodipine', coding: [local] })).toBe('amlodipine');
    expect(name({ coding: [local] })).toBe('AMLO 5');
    expect(name({ coding: [{ system: 'https://dmd.nhs.uk', code: '319283006' }] })).toBe('No medicine name');
  });

  it('keeps only dm+d and SNOMED CT codes', () => {
    const r = normaliseMedicationRequest(request({ medicationCodeableConcept: { coding: [{ system: 'https://local.example', code: 'X' }, { system: 'http://snomed.info/sct', code: '319283006', display: 'Amlodipine 5mg tablets' }] } }), source);
    expect(r.ok && r.record.codes).toEqual([{ system: 'http://snomed.info/sct', code: '319283006', display: 'Amlodipine 5mg tablets' }]);
  });

  it('groups statuses, and never shows an entry made in error', () => {
    const group = (status: MedicationRequest['status']) => {
      const r = normaliseMedicationRequest(request({ status }), source);
      return r.ok ? r.record.statusGroup : r.unreadable.problem;
    };
    expect(['active', 'on-hold', 'draft'].map((s) => group(s as MedicationRequest['status']))).toEqual(['current', 'current', 'current']);
    expect(['completed', 'stopped', 'cancelled'].map((s) => group(s as MedicationRequest['status']))).toEqual(['past', 'past', 'past']);
    expect(group('unknown')).toBe('unknown');
    expect(group('entered-in-error')).toBe('Entered in error at source');
    const r = normaliseMedicationRequest(request({ status: undefined as never }), source);
    expect(r.ok && [r.record.status, r.record.statusGroup]).toEqual(['unknown', 'unknown']);
  });

  it('resolves a Medication by reference, and falls back to the reference display', () => {
    const med: Medication = { resourceType: 'Medication', id: 'm1', code: { coding: [{ system: 'http://snomed.info/sct', code: '39704111000001102', display: 'Sertraline 50mg tablets' }] } };
    const byRef = request({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m1', display: 'sertraline' } });
    const r = normaliseMedicationRequest(byRef, source, new Map([['Medication/m1', med]]));
    expect(r.ok && [r.record.name, r.record.codes.map((c) => c.code)]).toEqual(['Sertraline 50mg tablets', ['39704111000001102']]);
    const unresolved = normaliseMedicationRequest(byRef, source);
    expect(unresolved.ok && [unresolved.record.name, unresolved.record.codes]).toEqual(['sertraline', []]);
    expect(unreadable(normaliseMedicationRequest({ ...byRef, medicationReference: { reference: 'Medication/nowhere' } }, source))).toBe('No medicine name');
  });

  it('joins several dosage texts, using patientInstruction where there is no text', () => {
    const r = normaliseMedicationRequest(request({ dosageInstruction: [{ text: 'One in the morning' }, { patientInstruction: 'Two at night' }, {}] }), source);
    expect(r.ok && r.record.dose).toBe('One in the morning; Two at night');
  });

  it('makes a resource without an id, or with an impossible date, unreadable', () => {
    expect(unreadable(normaliseMedicationRequest(request({ id: undefined }), source))).toBe('No id, so the record cannot be referred to');
    expect(unreadable(normaliseMedicationRequest(request({ authoredOn: '2026-02-30' }), source))).toBe('The date in authoredOn is not a real calendar date: "2026-02-30"');
    expect(unreadable(normaliseMedicationRequest(request({ authoredOn: '1800-01-01' }), source))).toMatch(/outside 1850/);
    expect(unreadable(normaliseMedicationRequest(request({ dispenseRequest: { validityPeriod: { end: 'soon' } } }), source))).toMatch(/validityPeriod.end/);
  });

  it('never throws on nonsense', () => {
    for (const junk of [null, undefined, 42, 'text', {}, { resourceType: 'Patient', id: 'x' }, { resourceType: 'MedicationRequest', id: 'x', medicationCodeableConcept: { coding: 'not a list' } }]) {
      const r = normaliseMedicationRequest(junk as never, source);
      expect(r.ok).toBe(false);
    }
  });
});

describe('normaliseMedicationStatement', () => {
  const statement = (extra: Partial<MedicationStatement> = {}): MedicationStatement => ({
    resourceType: 'MedicationStatement',
    id: 'ms-1',
    status: 'active',
    subject: { reference: 'Patient/p1' },
    contained: [{ resourceType: 'Medication', id: 'med1', code: amlodipine } as Medication],
    medicationReference: { reference: '#med1' },
    dateAsserted: '2026-10-29T09:00:00Z',
    dosage: [{ text: 'One tablet once a day' }],
    ...extra,
  });

  it('names the medicine through a contained Medication', () => {
    const r = normaliseMedicationStatement(statement(), { ...source, endpointId: 'ouse-valley-acute' });
    expect(r.ok && r.record).toMatchObject({
      key: 'ouse-valley-acute/MedicationStatement/ms-1',
      resourceType: 'MedicationStatement',
      name: 'Amlodipine 5mg tablets',
      codes: [{ system: 'https://dmd.nhs.uk', code: '319283006' }],
      statusGroup: 'current',
      date: '2026-10-29T09:00:00Z',
      dose: 'One tablet once a day',
    });
  });

  it('takes the date from effective[x] before dateAsserted, and the end from effectivePeriod', () => {
    const a = normaliseMedicationStatement(statement({ effectiveDateTime: '2026-01-01' }), source);
    expect(a.ok && a.record.date).toBe('2026-01-01');
    const b = normaliseMedicationStatement(statement({ effectivePeriod: { start: '2025-06-01', end: '2025-06-10' } }), source);
    expect(b.ok && [b.record.date, b.record.endDate]).toEqual(['2025-06-01', '2025-06-10']);
  });

  it('treats not-taken as past and intended as current', () => {
    const n = normaliseMedicationStatement(statement({ status: 'not-taken' }), source);
    const i = normaliseMedicationStatement(statement({ status: 'intended' }), source);
    expect([n.ok && n.record.statusGroup, i.ok && i.record.statusGroup]).toEqual(['past', 'current']);
  });

  it('does not resolve a contained Medication by another id', () => {
    const r = normaliseMedicationStatement(statement({ medicationReference: { reference: '#med2' } }), source);
    expect(r.ok ? r.record.name : r.unreadable.problem).toBe('No medicine name');
  });
});
