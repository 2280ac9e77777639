import { describe, expect, it } from 'vitest';
import type { Consent, Patient, Resource } from 'fhir/r4';
import { generateWorld } from './world';
import { NHS_NUMBER_SYSTEM, ODS_SYSTEM, V3_ACT_CODE, V3_CONFIDENTIALITY } from './systems';
import { sandboxTopology } from '../sandbox/topology';

const world = generateWorld();
const person = (key: string) => {
  const p = world.people.find((x) => x.key === key);
  if (!p) throw new Error(`no person ${key}`);
  return p;
};

/** Everything that points at the person's Patient at each endpoint (the Patient excluded). */
function recordsOf(key: string): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const [endpointId, id] of Object.entries(person(key).patientIds)) {
    const needle = `"Patient/${id}"`;
    out.set(endpointId, (world.byEndpoint[endpointId] ?? []).filter((r) => r.resourceType !== 'Patient' && JSON.stringify(r).includes(needle)));
  }
  return out;
}

const patientsWithNumber = (nhs: string) =>
  Object.entries(world.byEndpoint).flatMap(([endpointId, list]) =>
    list
      .filter((r): r is Patient => r.resourceType === 'Patient' && !!r.identifier?.some((i) => i.system === NHS_NUMBER_SYSTEM && i.value === nhs))
      .map((patient) => ({ endpointId, patient })),
  );

describe('hard cases', () => {
  it('names eight distinct people', () => {
    expect(new Set(Object.values(world.cases)).size).toBe(8);
  });

  it('sixOrganisations: records at six or more organisations', () => {
    const withRecords = [...recordsOf(world.cases.sixOrganisations)].filter(([, r]) => r.length > 0);
    expect(withRecords.length).toBeGreaterThanOrEqual(6);
  });

  it('largeRecord: 5,000 or more resources across endpoints', () => {
    const total = [...recordsOf(world.cases.largeRecord).values()].reduce((n, r) => n + r.length, 0);
    expect(total).toBeGreaterThanOrEqual(5000);
  });

  it('dobMismatch: one endpoint holds another birthDate for the same NHS number', () => {
    const p = person(world.cases.dobMismatch);
    const found = patientsWithNumber(p.nhsNumber);
    expect(found.length).toBeGreaterThan(1);
    const differing = found.filter((f) => f.patient.birthDate !== p.birthDate);
    expect(differing).toHaveLength(1);
  });

  it('sensitive: items labelled R and V with HIV, PSY, SDV and SEX sensitivities', () => {
    const labels = new Set(
      [...recordsOf(world.cases.sensitive).values()].flat().flatMap((r) => (r.meta?.security ?? []).map((c) => `${c.system}|${c.code}`)),
    );
    for (const c of ['R', 'V']) expect(labels.has(`${V3_CONFIDENTIALITY}|${c}`), c).toBe(true);
    for (const c of ['HIV', 'PSY', 'SDV', 'SEX']) expect(labels.has(`${V3_ACT_CODE}|${c}`), c).toBe(true);
    // and nobody else carries labels (but the results case's two labelled documents: results.test.ts)
    const others = world.people.filter((x) => x.key !== world.cases.sensitive && x.key !== world.cases.results).flatMap((x) => [...recordsOf(x.key).values()].flat());
    expect(others.filter((r) => r.meta?.security?.length)).toHaveLength(0);
  });

  it("objection: an active deny Consent naming the organisation, at that organisation's endpoint and on the register", () => {
    const p = person(world.cases.objection);
    const local = [...recordsOf(world.cases.objection)].flatMap(([endpointId, list]) =>
      list.filter((r): r is Consent => r.resourceType === 'Consent').map((consent) => ({ endpointId, consent })),
    );
    expect(local).toHaveLength(1);
    const { endpointId, consent } = local[0] as { endpointId: string; consent: Consent };
    const org = (world.byEndpoint[endpointId] ?? []).find((r) => r.resourceType === 'Organization');
    expect(consent.status).toBe('active');
    expect(consent.scope.coding?.[0]?.code).toBe('patient-privacy');
    expect(consent.provision?.type).toBe('deny');
    expect(consent.provision?.actor?.[0]?.reference.reference).toBe(`Organization/${org?.id}`);
    const register = world.objectionRegister.filter((c) => c.patient?.identifier?.value === p.nhsNumber);
    expect(register).toHaveLength(1);
    expect(register[0]?.provision?.actor?.[0]?.reference.identifier).toEqual({ system: ODS_SYSTEM, value: org?.id });
  });

  it('deceased: every copy of the Patient carries deceasedDateTime, and nothing happens after it', () => {
    const p = person(world.cases.deceased);
    const copies = patientsWithNumber(p.nhsNumber);
    expect(copies.length).toBeGreaterThan(1);
    for (const { patient } of copies) expect(patient.deceasedDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const died = copies[0]?.patient.deceasedDateTime ?? '';
    const encounters = [...recordsOf(world.cases.deceased).values()].flat().filter((r) => r.resourceType === 'Encounter');
    for (const e of encounters) expect(JSON.stringify(e).match(/\d{4}-\d{2}-\d{2}T[\d:]+Z/g)?.every((d) => d < died)).toBe(true);
  });

  it('sparse: no Patient at most endpoints, and almost nothing where known', () => {
    const p = person(world.cases.sparse);
    const found = patientsWithNumber(p.nhsNumber);
    expect(found.map((f) => f.endpointId)).toEqual(Object.keys(p.patientIds));
    expect(Object.keys(world.byEndpoint).length - found.length).toBeGreaterThanOrEqual(5);
    expect([...recordsOf(world.cases.sparse).values()].flat().length).toBeLessThanOrEqual(2);
  });
});

describe('every hard case can be opened from a host system', () => {
  // End-to-end tests launch each case from a host (GP, hospital or social care).
  const hostEndpoints = new Set(sandboxTopology().hosts.map((h) => h.endpointId));
  for (const [name, key] of Object.entries(world.cases)) {
    it(name, () => {
      const at = Object.keys(person(key).patientIds).filter((e) => hostEndpoints.has(e));
      expect(at.length, `${name} is known at no host system`).toBeGreaterThan(0);
    });
  }
});
