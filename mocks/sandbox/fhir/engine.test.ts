import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Encounter, FhirResource, MedicationRequest, OperationOutcome, Patient } from 'fhir/r4';
import { createFhirEngine, type FhirEngine } from './engine';

const BASE = 'http://localhost:9999/fhir';
const patient = (id: string, nhs: string): Patient => ({
  resourceType: 'Patient', id, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhs }],
});
const encounter = (id: string, subject: string, start: string): Encounter => ({
  resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' }, subject: { reference: subject }, period: { start },
});
const seed: FhirResource[] = [
  { ...patient('p-1', '9990000018'), meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } },
  patient('p-2', '9990000026'),
  encounter('e-1', 'Patient/p-1', '2026-01-01T10:00:00Z'),
  encounter('e-2', 'Patient/p-1', '2026-03-01T10:00:00Z'),
  encounter('e-3', 'Patient/p-2', '2026-02-01T10:00:00Z'),
  { resourceType: 'Medication', id: 'm-1', code: { text: 'Sertraline 50mg tablets' } },
  { resourceType: 'MedicationRequest', id: 'mr-1', status: 'active', intent: 'order', subject: { reference: 'Patient/p-1' }, medicationReference: { reference: 'Medication/m-1' } } as MedicationRequest,
];

let engine: FhirEngine;
beforeAll(async () => {
  engine = await createFhirEngine(seed);
});

const bundle = async (url: string) => {
  const r = await engine.get(url, BASE);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Bundle;
};
const ids = (b: Bundle, mode = 'match') => (b.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource?.id);

describe('createFhirEngine', () => {
  it('keeps given ids and meta.security, and stamps a fixed version', async () => {
    const r = await engine.get('Patient/p-1', BASE);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('p-1');
    expect(r.body.meta?.security?.[0]?.code).toBe('R');
    expect(r.body.meta?.versionId).toBe('1');
    expect(r.body.meta?.lastUpdated).toBe('2026-11-01T00:00:00Z');
  });

  it('searches by NHS number identifier', async () => {
    const b = await bundle('Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990000026');
    expect(ids(b)).toEqual(['p-2']);
    expect(b.total).toBe(1);
    expect(b.entry?.[0]?.fullUrl).toBe(`${BASE}/Patient/p-2`);
  });

  it('accepts a bare id, Type/id or an absolute URL for reference parameters', async () => {
    for (const v of ['p-1', 'Patient/p-1', `${BASE}/Patient/p-1`]) {
      expect(ids(await bundle(`Encounter?patient=${encodeURIComponent(v)}`)).sort()).toEqual(['e-1', 'e-2']);
    }
    expect(ids(await bundle('Encounter?subject=p-2'))).toEqual(['e-3']);
    expect(ids(await bundle('Encounter?subject:Patient=p-2'))).toEqual(['e-3']);
  });

  it('sorts, pages and counts with medplum', async () => {
    const b = await bundle('Encounter?_sort=-date&_count=2');
    expect(ids(b)).toEqual(['e-2', 'e-3']);
    expect(b.total).toBe(3);
    expect(b.link?.find((l) => l.relation === 'next')?.url).toBe(`${BASE}/Encounter?_sort=-date&_count=2&_offset=2`);
    const count = await bundle('Encounter?_summary=count');
    expect(count.total).toBe(3);
    expect(count.entry).toBeUndefined();
  });

  it('adds _include and _revinclude resources with search.mode include', async () => {
    const inc = await bundle('MedicationRequest?patient=p-1&_include=MedicationRequest:medication');
    expect(ids(inc)).toEqual(['mr-1']);
    expect(ids(inc, 'include')).toEqual(['m-1']);
    const rev = await bundle('Patient?_id=p-2&_revinclude=Encounter:subject');
    expect(ids(rev)).toEqual(['p-2']);
    expect(ids(rev, 'include')).toEqual(['e-3']);
  });

  it('answers mistakes with OperationOutcomes and fitting statuses', async () => {
    const cases: [string, number][] = [
      ['Patient/nope', 404],
      ['Nope?x=1', 404],
      ['Patient?foo=bar', 400],
      ['Patient?_count=ten', 400],
      ['Patient?birthdate=yesterday', 400],
      ['Encounter?_has:Observation:patient:code=x', 400],
      ['Encounter?_sort=colour', 400],
      ['MedicationRequest?_include=Encounter:subject', 400],
      ['', 400],
    ];
    for (const [url, status] of cases) {
      const r = await engine.get(url, BASE);
      expect(r.status, url).toBe(status);
      expect((r.body as OperationOutcome).issue?.[0]?.diagnostics, url).toBeTruthy();
    }
  });

  it('returns what it stores unchangeable: a caller that changes a found resource throws, and the next search finds it as stored', async () => {
    const found = (await bundle('Encounter?patient=Patient/p-1')).entry?.find((e) => e.resource?.id === 'e-1')?.resource as Encounter;
    expect(found.id).toBe('e-1');
    expect(() => {
      found.status = 'cancelled';
    }).toThrow(TypeError);
    expect(() => {
      found.period!.start = '1999-01-01';
    }).toThrow(TypeError);
    const again = (await bundle('Encounter?patient=Patient/p-1')).entry?.find((e) => e.resource?.id === 'e-1')?.resource as Encounter;
    expect(again.status).toBe('finished');
    expect(again.period?.start).toBe('2026-01-01T10:00:00Z');
  });

  it('caps _count at 500', async () => {
    const b = await bundle('Encounter?_count=100000');
    expect(b.link?.[0]?.url).toContain('_count=500');
  });
});
