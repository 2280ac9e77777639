import { describe, expect, it } from 'vitest';
import type { MedicationRequest, MedicationStatement, Organization, Patient, Practitioner, PractitionerRole, Resource } from 'fhir/r4';
import { isValidNhsNumber } from '../../src/domain/nhs-number';
import { sandboxTopology } from '../sandbox/topology';
import { generateWorld } from './world';
import { NHS_NUMBER_SYSTEM, NHS_NUMBER_VERIFICATION_URL, ODS_SYSTEM, SDS_USER_SYSTEM } from './systems';

const world = generateWorld();
const topology = sandboxTopology();
const all = Object.entries(world.byEndpoint);
const ofType = <T extends Resource>(list: Resource[], type: T['resourceType']) => list.filter((r): r is T => r.resourceType === type);

describe('generateWorld', () => {
  it('is the same on every run, and a different seed gives a different world', () => {
    expect(generateWorld()).toEqual(world);
    expect(generateWorld({ seed: 7 })).toEqual(generateWorld({ seed: 7 }));
    expect(generateWorld({ seed: 7 }).people).not.toEqual(world.people);
  });

  it('generates in well under a second', () => {
    const start = performance.now();
    generateWorld();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('has at least 25 people with distinct, valid 999-range NHS numbers', () => {
    expect(world.people.length).toBeGreaterThanOrEqual(25);
    const numbers = world.people.map((p) => p.nhsNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
  });

  it('gives every endpoint its Organization, named from the topology, with its ODS code', () => {
    expect(Object.keys(world.byEndpoint).sort()).toEqual(topology.endpoints.map((e) => e.id).sort());
    for (const e of topology.endpoints) {
      const [org, ...others] = ofType<Organization>(world.byEndpoint[e.id] ?? [], 'Organization');
      expect(others).toHaveLength(0);
      expect(org?.name).toBe(e.organisationName);
      expect(org?.identifier).toContainEqual({ system: ODS_SYSTEM, value: e.odsCode });
    }
  });

  it("stores each host user's Practitioner and PractitionerRole at the host's endpoint", () => {
    for (const host of topology.hosts) {
      const list = world.byEndpoint[host.endpointId] ?? [];
      const practitioner = ofType<Practitioner>(list, 'Practitioner').find((p) => p.id === host.user.practitionerId);
      const role = ofType<PractitionerRole>(list, 'PractitionerRole').find((r) => r.id === host.user.practitionerRoleId);
      expect(practitioner?.identifier).toContainEqual({ system: SDS_USER_SYSTEM, value: host.user.sdsUserId });
      expect(practitioner?.name?.[0]?.family).toBe(host.user.family);
      expect(role?.code?.[0]?.coding?.[0]?.code).toBe(host.user.roleCode);
      expect(role?.practitioner?.reference).toBe(`Practitioner/${host.user.practitionerId}`);
    }
  });

  it("knows each person at each endpoint under that endpoint's own Patient.id, with the same verified NHS number", () => {
    for (const person of world.people) {
      const ids = Object.values(person.patientIds);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [endpointId, id] of Object.entries(person.patientIds)) {
        const patient = ofType<Patient>(world.byEndpoint[endpointId] ?? [], 'Patient').find((p) => p.id === id);
        const nhs = patient?.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM);
        expect(nhs?.value).toBe(person.nhsNumber);
        expect(nhs?.extension?.[0]?.url).toBe(NHS_NUMBER_VERIFICATION_URL);
        expect(nhs?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('01');
        expect(patient?.name?.[0]?.family).toBe(person.family);
        expect(patient?.address?.[0]?.postalCode).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
        expect(patient?.telecom?.length).toBeGreaterThan(0);
        expect(patient?.managingOrganization?.reference).toMatch(/^Organization\//);
      }
    }
  });

  it('uses only relative references, and every one resolves at the same endpoint', () => {
    for (const [endpointId, list] of all) {
      const present = new Set(list.map((r) => `${r.resourceType}/${r.id}`));
      const refs = JSON.stringify(list).match(/"reference":"[^"]*"/g) ?? [];
      for (const raw of refs) {
        const ref = raw.slice('"reference":"'.length, -1);
        if (ref.startsWith('#')) continue;
        expect(ref, `${endpointId}: ${ref}`).toMatch(/^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]+$/);
        expect(present.has(ref), `${endpointId}: ${ref} does not resolve`).toBe(true);
      }
    }
  });

  it('dates everything on or before the reference date 2026-11-01', () => {
    const instants = JSON.stringify(world.byEndpoint).match(/\d{4}-\d{2}-\d{2}(T[\d:]+Z)?/g) ?? [];
    expect(instants.length).toBeGreaterThan(1000);
    for (const d of instants) expect(d.slice(0, 10) <= '2026-11-01').toBe(true);
  });

  it('records some medicines at two organisations under the same dm+d code', () => {
    const codes = (endpointId: string) =>
      new Set(
        (world.byEndpoint[endpointId] ?? []).flatMap((r) =>
          r.resourceType === 'MedicationRequest' || r.resourceType === 'MedicationStatement'
            ? [(r as MedicationRequest).medicationCodeableConcept?.coding?.[0]?.code ?? (r as MedicationStatement).contained?.[0]?.id]
            : [],
        ),
      );
    const gp = codes('riverside-gp');
    const acute = [...codes('ouse-valley-acute')].filter((c) => c && gp.has(c));
    expect(acute.length).toBeGreaterThan(0);
  });

  it('uses both dm+d and SNOMED CT systems, contained and separate Medication resources', () => {
    const meds = all.flatMap(([, l]) => l).filter((r): r is MedicationRequest | MedicationStatement => r.resourceType === 'MedicationRequest' || r.resourceType === 'MedicationStatement');
    const systems = new Set(meds.map((m) => m.medicationCodeableConcept?.coding?.[0]?.system));
    expect(systems).toEqual(new Set(['https://dmd.nhs.uk', 'http://snomed.info/sct', undefined]));
    expect(meds.some((m) => m.medicationReference?.reference === '#med1' && m.contained?.[0]?.resourceType === 'Medication')).toBe(true);
    expect(meds.some((m) => m.medicationReference?.reference?.startsWith('Medication/'))).toBe(true);
    for (const status of ['active', 'completed', 'stopped']) expect(meds.some((m) => m.status === status)).toBe(true);
    for (const m of meds) expect(m.resourceType === 'MedicationRequest' ? (m as MedicationRequest).dosageInstruction?.[0]?.text : (m as MedicationStatement).dosage?.[0]?.text).toBeTruthy();
  });

  it('holds every record type the viewer shows', () => {
    const types = new Set<string>(all.flatMap(([, l]) => l.map((r) => r.resourceType)));
    for (const t of ['Encounter', 'CarePlan', 'Flag', 'AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement', 'Medication', 'Consent']) {
      expect(types.has(t), t).toBe(true);
    }
    const classes = new Set(all.flatMap(([, l]) => l.flatMap((r) => (r.resourceType === 'Encounter' ? [r.class.code] : []))));
    expect(classes).toEqual(new Set(['AMB', 'EMER', 'IMP', 'HH', 'VR', 'FLD']));
  });
});
