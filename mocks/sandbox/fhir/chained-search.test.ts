import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Encounter, FhirResource, Patient } from 'fhir/r4';
import { createFhirEngine, type FhirEngine } from './engine';

/**
 * Chained search (FHIR R4 search.html#chaining), which the sandbox's engine does itself
 * because medplum's memory repository answers it with nothing: `patient.identifier=X`
 * matches resources whose patient has identifier X; each chained parameter is its own
 * condition, ANDed with the rest; a chain that matches no target matches nothing.
 */
const BASE = 'http://localhost:9999/fhir';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const patient = (id: string, nhs: string, birthDate: string): Patient => ({ resourceType: 'Patient', id, birthDate, identifier: [{ system: NHS, value: nhs }] });
const encounter = (id: string, subject: string): Encounter => ({
  resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' }, subject: { reference: subject }, period: { start: '2026-01-01T10:00:00Z' },
});
const seed: FhirResource[] = [
  patient('p-1', '9990000018', '1948-03-04'),
  // The same number on a second record with another date of birth: a merge waiting to happen.
  patient('p-2', '9990000018', '1950-01-01'),
  patient('p-3', '9990000026', '1948-03-04'),
  encounter('e-1', 'Patient/p-1'),
  encounter('e-2', 'Patient/p-2'),
  encounter('e-3', 'Patient/p-3'),
  encounter('e-4', 'Patient/p-1'),
];

let engine: FhirEngine;
beforeAll(async () => {
  engine = await createFhirEngine(seed);
});

async function search(url: string): Promise<Bundle> {
  const r = await engine.get(url, BASE);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Bundle;
}
const ids = (b: Bundle) => (b.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id).sort();
const id = (nhs: string) => encodeURIComponent(`${NHS}|${nhs}`);

describe('chained search in the sandbox engine', () => {
  it('matches the resources of every patient with the identifier', async () => {
    expect(ids(await search(`Encounter?patient.identifier=${id('9990000018')}`))).toEqual(['e-1', 'e-2', 'e-4']);
  });

  it('ANDs two chains on the same reference: identifier and date of birth', async () => {
    expect(ids(await search(`Encounter?patient.identifier=${id('9990000018')}&patient.birthdate=1948-03-04`))).toEqual(['e-1', 'e-4']);
    // p-3 has the number, p-2 the date of birth: no one has both.
    expect(ids(await search(`Encounter?patient.identifier=${id('9990000026')}&patient.birthdate=1950-01-01`))).toEqual([]);
  });

  it('matches nothing when no target matches, never everything', async () => {
    const b = await search(`Encounter?patient.identifier=${id('9990000034')}`);
    expect(ids(b)).toEqual([]);
    expect(b.total).toBe(0);
  });

  it('takes a type modifier on the reference', async () => {
    expect(ids(await search(`Encounter?subject:Patient.identifier=${id('9990000026')}`))).toEqual(['e-3']);
  });

  it('repeats the chain in the paging links', async () => {
    const first = await search(`Encounter?patient.identifier=${id('9990000018')}&patient.birthdate=1948-03-04&_count=1`);
    expect(ids(first)).toHaveLength(1);
    const next = first.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toBeDefined();
    const second = await search(next!.slice(BASE.length + 1));
    expect([...ids(first), ...ids(second)].sort()).toEqual(['e-1', 'e-4']);
  });

  it('refuses a chain it cannot follow with a 400 that says why', async () => {
    for (const url of [`Encounter?patient.nonsense=x`, `Encounter?status.identifier=x`, `Encounter?patient.organization.name=x`]) {
      const r = await engine.get(url, BASE);
      expect(r.status, url).toBe(400);
    }
  });
});
