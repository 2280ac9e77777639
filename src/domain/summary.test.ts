import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CareRecord, SourceRef } from './records';
import { buildSummary, type RecordSummary } from './summary';
import { NOW, SOURCES, careRecords, shuffled } from './testing/record-arbitraries';
import { generateWorld } from '../../mocks/data/world';
import { sandboxTopology } from '../../mocks/sandbox/topology';
import { normaliseResources } from './normalise';

const keysOut = (s: RecordSummary) => [
  ...s.medications.flatMap((g) => g.entries),
  ...s.encounters,
  ...s.carePlans,
  ...s.alerts,
  ...s.conditions,
  ...s.involvement,
];
const shape = (s: RecordSummary) => ({
  medications: s.medications.map((g) => [g.key, g.entries.map((e) => e.key)]),
  encounters: s.encounters.map((r) => r.key),
  carePlans: s.carePlans.map((r) => r.key),
  alerts: s.alerts.map((r) => r.key),
  conditions: s.conditions.map((r) => r.key),
});

describe('buildSummary: properties', () => {
  it('loses no record, invents none, and leaves every record with its source', () => {
    fc.assert(
      fc.property(careRecords, (records) => {
        const sources = records.map((r) => r.source);
        const out = keysOut(buildSummary(records, NOW));
        expect(out.map((r) => r.key).sort()).toEqual(records.map((r) => r.key).sort());
        for (const r of out) expect(records).toContain(r);
        expect(records.map((r) => r.source)).toEqual(sources);
      }),
    );
  });

  it('puts each kind in its own section', () => {
    fc.assert(
      fc.property(careRecords, (records) => {
        const s = buildSummary(records, NOW);
        expect(s.encounters.every((r) => r.kind === 'encounter')).toBe(true);
        expect(s.carePlans.every((r) => r.kind === 'care-plan')).toBe(true);
        expect(s.alerts.every((r) => r.kind === 'alert')).toBe(true);
        expect(s.conditions.every((r) => r.kind === 'condition')).toBe(true);
      }),
    );
  });

  it('is the same for any order in which the sources answered', () => {
    fc.assert(
      fc.property(careRecords.chain((rs) => fc.tuple(fc.constant(rs), shuffled(rs))), ([records, reordered]) => {
        expect(shape(buildSummary(reordered, NOW))).toEqual(shape(buildSummary(records, NOW)));
      }),
    );
  });

  it('puts active care plans, alerts and conditions first, and flags before allergies among alerts of one status', () => {
    fc.assert(
      fc.property(careRecords, (records) => {
        const s = buildSummary(records, NOW);
        const isSorted = (xs: number[]) => xs.every((x, i) => i === 0 || (xs[i - 1] as number) <= x);
        expect(isSorted(s.carePlans.map((r) => (r.status === 'active' ? 0 : 1)))).toBe(true);
        expect(isSorted(s.alerts.map((r) => (r.status === 'active' ? 0 : 2) + (r.resourceType === 'Flag' ? 0 : 1)))).toBe(true);
        expect(isSorted(s.conditions.map((r) => (['active', 'relapse', 'recurrence'].includes(r.clinicalStatus) ? 0 : 1)))).toBe(true);
        expect(isSorted(s.medications.map((g) => (g.current ? 0 : 1)))).toBe(true);
      }),
    );
  });
});

describe('buildSummary: examples', () => {
  const [gp, , acute] = SOURCES as [SourceRef, SourceRef, SourceRef];
  const base = (source: SourceRef, type: string, id: string) => ({ key: `${source.endpointId}/${type}/${id}`, source, original: { resourceType: 'Basic', code: {} } as const });

  it('orders alerts: active flags, active allergies, then inactive, newest first within each', () => {
    const records: CareRecord[] = [
      { ...base(acute, 'AllergyIntolerance', 'a1'), kind: 'alert', resourceType: 'AllergyIntolerance', category: 'allergy', text: 'Penicillin', status: 'active', start: '2019-01-01' },
      { ...base(gp, 'Flag', 'f-old'), kind: 'alert', resourceType: 'Flag', category: 'Clinical', text: 'Pressure ulcer risk', status: 'inactive', start: '2025-01-01' },
      { ...base(gp, 'Flag', 'f1'), kind: 'alert', resourceType: 'Flag', category: 'Safety', text: 'Safeguarding', status: 'active', start: '2024-05-01' },
      { ...base(acute, 'Flag', 'f2'), kind: 'alert', resourceType: 'Flag', category: 'Advance Directive', text: 'DNACPR', status: 'active', start: '2026-02-01' },
    ];
    expect(buildSummary(records, NOW).alerts.map((a) => a.text)).toEqual(['DNACPR', 'Safeguarding', 'Penicillin', 'Pressure ulcer risk']);
  });

  it('orders care plans: active first, then newest start', () => {
    const plan = (id: string, status: string, start?: string): CareRecord => ({ ...base(gp, 'CarePlan', id), kind: 'care-plan', title: id, status, activities: [], careTeam: [], ...(start ? { start } : {}) });
    const s = buildSummary([plan('discharge', 'completed', '2026-10-01'), plan('falls', 'active', '2024-01-01'), plan('diabetes', 'active', '2025-03-01'), plan('undated', 'active')], NOW);
    expect(s.carePlans.map((p) => p.key.split('/')[2])).toEqual(['diabetes', 'falls', 'undated', 'discharge']);
  });

  it("builds the sixOrganisations person's summary from the synthetic world", () => {
    const world = generateWorld();
    const topology = sandboxTopology();
    const person = world.people.find((p) => p.key === world.cases.sixOrganisations);
    const records = Object.entries(person?.patientIds ?? {}).flatMap(([endpointId, patientId]) => {
      const e = topology.endpoints.find((x) => x.id === endpointId);
      const source = { endpointId, organisationName: e?.organisationName ?? '', odsCode: e?.odsCode ?? '' };
      return normaliseResources(world.byEndpoint[endpointId] ?? [], { source, patientId }).records;
    });
    const s = buildSummary(records, new Date('2026-11-01T12:00:00Z'));
    expect(keysOut(s)).toHaveLength(records.length);
    expect(new Set(s.encounters.map((e) => e.source.endpointId)).size).toBeGreaterThanOrEqual(6);
    expect(s.medications.some((g) => g.current)).toBe(true);
    // The hospital's medicines reconciliation repeats the GP's medicines under the same codes.
    expect(s.medications.some((g) => g.sources.length > 1)).toBe(true);
    expect(s.medications.every((g) => g.key.startsWith('code:'))).toBe(true);
  });
});
