/**
 * The typical person (whitfield-margaret) as generated in mocks/data: the hospital's
 * ramipril stop (i12-mr-ramipril-stop, 31-Oct-2026) and the GP's atorvastatin option
 * (i12-mr-option). Expectations read from the generated resources by hand.
 */
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../../mocks/data/world';
import { sandboxTopology } from '../../../mocks/sandbox/topology';
import type { EncounterRecord, MedicationRecord } from '../../domain/records';
import { normaliseResources } from '../../domain/normalise';
import { groupMedications } from '../../domain/merge-medications';
import { timelineLanes, timelineWindow } from './timeline-model';

const NOW = new Date('2026-11-21T10:00:00Z');

function records() {
  const world = generateWorld();
  const topology = sandboxTopology();
  const person = world.people.find((p) => p.key === 'whitfield-margaret');
  if (!person) throw new Error('whitfield-margaret');
  return Object.entries(person.patientIds).flatMap(([endpointId, patientId]) => {
    const e = topology.endpoints.find((x) => x.id === endpointId);
    if (!e) throw new Error(endpointId);
    return normaliseResources(world.byEndpoint[endpointId] ?? [], { source: { endpointId, organisationName: e.organisationName, odsCode: e.odsCode }, patientId, baseUrl: e.baseUrl }).records;
  });
}

describe('the typical person’s ramipril and atorvastatin', () => {
  const all = records();
  const groups = groupMedications(all.filter((r): r is MedicationRecord => r.kind === 'medication'), NOW);
  const lanes = timelineLanes(all.filter((r): r is EncounterRecord => r.kind === 'encounter'), groups, timelineWindow('2y', NOW, undefined), NOW);
  const bars = (name: RegExp) => lanes.flatMap((l) => l.medicines.filter((m) => name.test(m.name)).map((m) => ({ at: l.organisationName, from: m.from, to: m.to, current: m.current })));

  it('gives as last issued the practice’s community order of 07-Oct, by the practice: not the hospital’s inpatient order of 29-Oct (given on the ward), nor its stop of 31-Oct', () => {
    const ramipril = groups.find((g) => g.name === 'Ramipril 2.5mg capsules');
    expect(ramipril?.lastIssued).toBe('2026-10-07T10:00:00Z');
    expect(ramipril?.lastIssuedBy).toBe('Riverside Medical Practice');
  });

  it('ends Ouse Valley’s ramipril at its stop, runs Riverside’s to now, and draws no atorvastatin (only ever an option)', () => {
    expect(bars(/^Ramipril/)).toEqual([
      { at: 'Ouse Valley Hospitals NHS Foundation Trust', from: Date.parse('2026-03-08T16:04:00Z'), to: Date.parse('2026-10-31T10:00:00Z'), current: false },
      { at: 'Riverside Medical Practice', from: Date.parse('2026-09-10T10:00:00Z'), to: NOW.getTime(), current: true },
    ]);
    expect(bars(/^Atorvastatin/)).toEqual([]);
  });
});
