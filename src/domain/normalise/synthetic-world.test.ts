/**
 * Every resource of every endpoint of the synthetic world (mocks/data), normalised as
 * the viewer would after matching each person at each organisation.
 */
import { describe, expect, it } from 'vitest';
import type { FhirResource } from 'fhir/r4';
import { generateWorld } from '../../../mocks/data/world';
import { sandboxTopology } from '../../../mocks/sandbox/topology';
import type { CareRecord } from '../records';
import { normaliseResources } from './index';

const world = generateWorld();
const topology = sandboxTopology();
const RECORD_TYPES = new Set(['MedicationRequest', 'MedicationStatement', 'Encounter', 'CarePlan', 'Flag', 'AllergyIntolerance', 'Condition', 'Observation', 'DiagnosticReport', 'DocumentReference', 'Composition', 'Patient', 'CareTeam', 'EpisodeOfCare', 'RelatedPerson']);

function recordsOf(personKey: string): CareRecord[] {
  const person = world.people.find((p) => p.key === personKey);
  if (!person) throw new Error(personKey);
  return Object.entries(person.patientIds).flatMap(([endpointId, patientId]) => {
    const e = topology.endpoints.find((x) => x.id === endpointId);
    if (!e) throw new Error(endpointId);
    const source = { endpointId, organisationName: e.organisationName, odsCode: e.odsCode };
    return normaliseResources(world.byEndpoint[endpointId] ?? [], { source, patientId, baseUrl: e.baseUrl }).records;
  });
}

describe('normalising the synthetic world', () => {
  it("reads every record-type resource at every endpoint as someone's record, none unreadable", () => {
    let total = 0;
    for (const e of topology.endpoints) {
      const resources: FhirResource[] = world.byEndpoint[e.id] ?? [];
      const recordTypes = resources.filter((r) => RECORD_TYPES.has(r.resourceType)).length;
      const source = { endpointId: e.id, organisationName: e.organisationName, odsCode: e.odsCode };
      let read = 0;
      let withdrawn = 0;
      for (const person of world.people) {
        const patientId = person.patientIds[e.id];
        if (!patientId) continue;
        const out = normaliseResources(resources, { source, patientId });
        // The world holds one allergy entered in error on purpose (clinical-summary.ts): withdrawn, never unreadable otherwise.
        expect(out.unreadable.filter((u) => u.problem !== 'Entered in error at source')).toEqual([]);
        withdrawn += out.unreadable.length;
        expect(out.records.length + out.wrongSubject + out.unreadable.length).toBe(recordTypes);
        expect(out.records.every((r) => r.source === source && r.key.startsWith(`${e.id}/`))).toBe(true);
        read += out.records.length;
      }
      expect(read + withdrawn, e.id).toBe(recordTypes);
      expect(withdrawn, e.id).toBe(e.id === 'riverside-gp' ? 1 : 0);
      total += read;
    }
    expect(total).toBeGreaterThan(5000);
  });

  it('names every medicine, including those behind contained and separate Medication resources', () => {
    const meds = world.people.flatMap((p) => recordsOf(p.key)).filter((r) => r.kind === 'medication');
    expect(meds.length).toBeGreaterThan(500);
    expect(meds.filter((m) => m.resourceType === 'MedicationStatement' && 'contained' in m.original && m.original.contained?.length).length).toBeGreaterThan(0);
    for (const m of meds) {
      expect(m.name).toMatch(/\w/);
      expect(m.codes.length).toBeGreaterThan(0);
    }
  });

  it('gives the sixOrganisations person records from at least six sources', () => {
    const records = recordsOf(world.cases.sixOrganisations);
    const sources = new Set(records.map((r) => r.source.endpointId));
    expect(sources.size).toBeGreaterThanOrEqual(6);
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['medication', 'encounter', 'care-plan', 'alert', 'condition', 'involvement']));
  });
});
