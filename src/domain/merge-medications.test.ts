import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MedicationRecord, SourceRef } from './records';
import { groupMedications, isCurrentOn, splitCurrentPast, type MedicineGroup } from './merge-medications';
import { instantOf } from './record-order';
import { NOW, SOURCES, medicationRecords, shuffled } from './testing/record-arbitraries';

const [riverside, leaValley, acute] = SOURCES as [SourceRef, SourceRef, SourceRef];

const med = (source: SourceRef, id: string, fields: Partial<MedicationRecord>): MedicationRecord => ({
  key: `${source.endpointId}/MedicationRequest/${id}`,
  source,
  original: { resourceType: 'MedicationRequest', id, status: 'active', intent: 'order', subject: { reference: 'Patient/x' } },
  kind: 'medication',
  resourceType: 'MedicationRequest',
  name: 'Amlodipine 5mg tablets',
  codes: [],
  status: 'active',
  statusGroup: 'current',
  ...fields,
});
const dmd = (code: string) => [{ system: 'https://dmd.nhs.uk', code }];
const sct = (code: string) => [{ system: 'http://snomed.info/sct', code }];
const keysOf = (groups: MedicineGroup[]) => groups.map((g) => [g.key, g.entries.map((e) => e.key)]);

describe('groupMedications: examples', () => {
  it('puts Amlodipine 5mg from two organisations, coded under dm+d and SNOMED CT, in one group flagged as a likely duplicate', () => {
    const gp = med(riverside, 'mr-1', { codes: dmd('319283006'), date: '2026-10-04T10:00:00Z' });
    const other = med(leaValley, 'mr-9', { name: 'Amlodipine 5 mg tablets', codes: sct('319283006'), date: '2026-10-20T10:00:00Z' });
    const groups = groupMedications([gp, other], NOW);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toEqual({
      key: 'code:http://snomed.info/sct|319283006',
      name: 'Amlodipine 5 mg tablets',
      current: true,
      entries: [other, gp],
      latestBySource: [other, gp],
      likelyDuplicate: true,
      sources: ['lea-valley-gp', 'riverside-gp'],
      notPrescribed: false,
      discrepancies: [],
      lastIssued: '2026-10-20T10:00:00Z',
      lastIssuedBy: leaValley.organisationName,
    });
    expect(groups[0]?.entries[1]).toBe(gp);
  });

  it('does not flag one current and one past record, or repeats from one organisation', () => {
    const repeats = [1, 2, 3].map((i) => med(riverside, `mr-${i}`, { codes: dmd('319283006'), date: `2026-0${i}-01`, ...(i < 3 ? { status: 'completed', statusGroup: 'past' } : {}) }));
    const stoppedElsewhere = med(acute, 'ms-1', { codes: sct('319283006'), status: 'stopped', statusGroup: 'past', date: '2025-12-01' });
    const [g] = groupMedications([...repeats, stoppedElsewhere], NOW);
    expect(g?.likelyDuplicate).toBe(false);
    expect(g?.current).toBe(true);
    expect(g?.entries.map((e) => e.key)).toEqual(['riverside-gp/MedicationRequest/mr-3', 'riverside-gp/MedicationRequest/mr-2', 'riverside-gp/MedicationRequest/mr-1', 'ouse-valley-acute/MedicationRequest/ms-1']);
    expect(g?.latestBySource.map((e) => e.key)).toEqual(['riverside-gp/MedicationRequest/mr-3', 'ouse-valley-acute/MedicationRequest/ms-1']);
  });

  it('counts an active record whose end date has passed as past', () => {
    const ended = med(riverside, 'mr-1', { codes: dmd('39732311000001104'), name: 'Amoxicillin 250mg capsules', endDate: '2026-10-31' });
    const running = med(riverside, 'mr-2', { codes: dmd('325427002'), name: 'Prednisolone 5mg tablets', endDate: '2026-11-05' });
    expect(isCurrentOn(ended, NOW)).toBe(false);
    expect(isCurrentOn(running, NOW)).toBe(true);
    const { current, past } = splitCurrentPast(groupMedications([ended, running], NOW));
    expect(current.map((g) => g.name)).toEqual(['Prednisolone 5mg tablets']);
    expect(past.map((g) => g.name)).toEqual(['Amoxicillin 250mg capsules']);
  });

  it('keeps different strengths apart, and groups uncoded records by normalised name', () => {
    const five = med(riverside, 'a', { codes: dmd('319283006') });
    const ten = med(riverside, 'b', { name: 'Amlodipine 10mg tablets', codes: dmd('319284000') });
    const textOnly = med(acute, 'c', { name: 'AMLODIPINE 5MG TABLET' });
    const textTen = med(acute, 'd', { name: 'amlodipine 10 milligram tablets' });
    const unknownText = med(acute, 'e', { name: 'Senna 7.5mg tablets' });
    const unknownText2 = med(leaValley, 'f', { name: 'senna 7.5 mg tablets.' });
    const groups = groupMedications([five, ten, textOnly, textTen, unknownText, unknownText2], NOW);
    const byKey = Object.fromEntries(groups.map((g) => [g.key, g.entries.map((e) => e.key).sort()]));
    expect(byKey).toEqual({
      'code:http://snomed.info/sct|319283006': ['ouse-valley-acute/MedicationRequest/c', 'riverside-gp/MedicationRequest/a'],
      'code:http://snomed.info/sct|319284000': ['ouse-valley-acute/MedicationRequest/d', 'riverside-gp/MedicationRequest/b'],
      'text:senna 7.5mg tablet': ['lea-valley-gp/MedicationRequest/f', 'ouse-valley-acute/MedicationRequest/e'],
    });
  });

  it('joins records that share any code, whatever the order', () => {
    const vmp = med(riverside, 'a', { codes: dmd('111') });
    const both = med(acute, 'b', { codes: [...sct('222'), ...dmd('111')] });
    const amp = med(leaValley, 'c', { codes: sct('222') });
    for (const order of [[vmp, both, amp], [amp, vmp, both], [both, amp, vmp]]) {
      const groups = groupMedications(order, NOW);
      expect(groups.map((g) => g.key)).toEqual(['code:http://snomed.info/sct|111']);
      expect(groups[0]?.entries).toHaveLength(3);
    }
  });

  it('orders current groups first, then newest, then by name', () => {
    const g = groupMedications(
      [
        med(riverside, '1', { name: 'Zopiclone 3.75mg tablets', codes: dmd('1'), date: '2026-01-01' }),
        med(riverside, '2', { name: 'Bisoprolol 5mg tablets', codes: dmd('2'), date: '2026-01-01' }),
        med(riverside, '3', { name: 'Amoxicillin 250mg capsules', codes: dmd('3'), date: '2026-10-30', status: 'completed', statusGroup: 'past' }),
        med(riverside, '4', { name: 'Metformin 500mg tablets', codes: dmd('4'), date: '2026-06-01' }),
        med(riverside, '5', { name: 'Apixaban 5mg tablets', codes: dmd('5') }),
      ],
      NOW,
    );
    expect(g.map((x) => x.name)).toEqual(['Metformin 500mg tablets', 'Bisoprolol 5mg tablets', 'Zopiclone 3.75mg tablets', 'Apixaban 5mg tablets', 'Amoxicillin 250mg capsules']);
  });
});

describe('groupMedications: properties', () => {
  it('loses no entry and invents none', () => {
    fc.assert(
      fc.property(medicationRecords, (records) => {
        const out = groupMedications(records, NOW).flatMap((g) => g.entries);
        expect(out.map((e) => e.key).sort()).toEqual(records.map((r) => r.key).sort());
        for (const e of out) expect(records).toContain(e); // the same object: source and content untouched
      }),
    );
  });

  it("keeps every entry's source, and lists each group's sources once", () => {
    fc.assert(
      fc.property(medicationRecords, (records) => {
        const before = records.map((r) => [r.key, r.source.endpointId]);
        for (const g of groupMedications(records, NOW)) {
          expect(new Set(g.sources)).toEqual(new Set(g.entries.map((e) => e.source.endpointId)));
          expect(new Set(g.sources).size).toBe(g.sources.length);
          expect(g.latestBySource.map((e) => e.source.endpointId)).toEqual(g.sources);
          for (const l of g.latestBySource) expect(l).toBe(g.entries.find((e) => e.source.endpointId === l.source.endpointId));
        }
        expect(records.map((r) => [r.key, r.source.endpointId])).toEqual(before);
      }),
    );
  });

  it('gives the same groups in the same order for any order of input', () => {
    fc.assert(
      fc.property(
        medicationRecords.chain((records) => fc.tuple(fc.constant(records), shuffled(records))),
        ([records, reordered]) => {
          expect(keysOf(groupMedications(reordered, NOW))).toEqual(keysOf(groupMedications(records, NOW)));
        },
      ),
    );
  });

  it('sets current and likelyDuplicate from the entries, and puts current groups first', () => {
    fc.assert(
      fc.property(medicationRecords, (records) => {
        const groups = groupMedications(records, NOW);
        for (const g of groups) {
          // clinical-rules.md: a current status, and an end date not passed, or without one a date within 365 days (or none).
          const inWindow = (e: MedicationRecord) => (e.endDate ? Date.parse(e.endDate) >= NOW.getTime() : !e.date || NOW.getTime() - Date.parse(e.date) <= 365 * 86_400_000);
          const currentSources = new Set(g.entries.filter((e) => e.statusGroup === 'current' && inWindow(e)).map((e) => e.source.endpointId));
          expect(g.current).toBe(currentSources.size > 0);
          expect(g.likelyDuplicate).toBe(currentSources.size > 1);
          expect(g.name).toBe(g.entries[0]?.name);
        }
        const flags = groups.map((g) => g.current);
        expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
        const { current, past } = splitCurrentPast(groups);
        expect([...current, ...past]).toEqual(groups);
      }),
    );
  });

  it('lists entries newest first, undated last', () => {
    fc.assert(
      fc.property(medicationRecords, (records) => {
        for (const g of groupMedications(records, NOW)) {
          const times = g.entries.map((e) => instantOf(e.date) ?? -Infinity);
          expect(times).toEqual([...times].sort((a, b) => b - a));
        }
      }),
    );
  });

  it('never puts one code in two groups', () => {
    fc.assert(
      fc.property(medicationRecords, (records) => {
        const owner = new Map<string, string>();
        for (const g of groupMedications(records, NOW)) {
          for (const e of g.entries) for (const c of e.codes) {
            expect(owner.get(c.code) ?? g.key).toBe(g.key);
            owner.set(c.code, g.key);
          }
        }
      }),
    );
  });
});
