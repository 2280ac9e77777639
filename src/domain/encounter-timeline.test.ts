import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EncounterRecord, SourceRef } from './records';
import { encounterTimeline, likelyDuplicateEncounters } from './encounter-timeline';
import { instantOf } from './record-order';
import { parseFhirDate } from './cui-date';
import { SOURCES, encounterRecords, shuffled } from './testing/record-arbitraries';

const [riverside, , acute, mh] = SOURCES as [SourceRef, SourceRef, SourceRef, SourceRef];
const enc = (source: SourceRef, id: string, type: string, start?: string): EncounterRecord => ({
  key: `${source.endpointId}/Encounter/${id}`,
  source,
  original: { resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' } },
  kind: 'encounter',
  type,
  status: 'finished',
  ...(start ? { start } : {}),
});

describe('encounterTimeline', () => {
  it('puts contacts from every organisation in one list, newest first, undated last, ties by source then key', () => {
    const a = enc(riverside, 'enc-000002', 'GP surgery consultation', '2026-10-01T09:00:00Z');
    const b = enc(acute, 'enc-000001', 'A&E attendance', '2026-10-20T22:15:00Z');
    const c = enc(mh, 'enc-000001', 'Telephone support call');
    const d = enc(riverside, 'enc-000001', 'GP telephone consultation', '2026-10-01T09:00:00Z');
    const e = enc(acute, 'enc-000009', 'Outpatient appointment', '2026-10-01T10:00:00+01:00');
    expect(encounterTimeline([a, b, c, d, e]).map((x) => x.key)).toEqual([
      'ouse-valley-acute/Encounter/enc-000001',
      'ouse-valley-acute/Encounter/enc-000009',
      'riverside-gp/Encounter/enc-000001',
      'riverside-gp/Encounter/enc-000002',
      'fenland-mh/Encounter/enc-000001',
    ]);
  });

  it('does not change its input', () => {
    const input = [enc(riverside, '1', 'x', '2020-01-01'), enc(riverside, '2', 'x', '2021-01-01')];
    encounterTimeline(input);
    expect(input.map((x) => x.key)).toEqual(['riverside-gp/Encounter/1', 'riverside-gp/Encounter/2']);
  });

  it('keeps every encounter, unchanged, in an order that does not depend on input order', () => {
    fc.assert(
      fc.property(encounterRecords.chain((rs) => fc.tuple(fc.constant(rs), shuffled(rs))), ([records, reordered]) => {
        const out = encounterTimeline(records);
        expect(out.map((r) => r.key).sort()).toEqual(records.map((r) => r.key).sort());
        for (const r of out) expect(records).toContain(r);
        expect(encounterTimeline(reordered)).toEqual(out);
        const times = out.map((r) => instantOf(r.start) ?? -Infinity);
        expect(times).toEqual([...times].sort((x, y) => y - x));
      }),
    );
  });
});

describe('likelyDuplicateEncounters', () => {
  it('flags the same type on the same day at two organisations, ignoring case, and keeps both', () => {
    const ambulance = enc(mh, 'a', 'A&E attendance', '2026-10-20T21:00:00Z');
    const hospital = enc(acute, 'b', 'a&e  attendance', '2026-10-20T22:30:00Z'); // 23:30 BST, same London day
    const otherDay = enc(riverside, 'c', 'A&E attendance', '2026-10-22T09:00:00Z');
    const sameOrg = [enc(riverside, 'd', 'GP surgery consultation', '2026-10-01T09:00:00Z'), enc(riverside, 'e', 'GP surgery consultation', '2026-10-01T15:00:00Z')];
    const undated = [enc(acute, 'f', 'Home visit'), enc(mh, 'g', 'Home visit')];
    const all = [ambulance, hospital, otherDay, ...sameOrg, ...undated];
    expect(likelyDuplicateEncounters(all)).toEqual(new Set([ambulance.key, hospital.key]));
    expect(encounterTimeline(all)).toHaveLength(all.length);
  });

  it('compares days on the Europe/London calendar', () => {
    // 23:30 UTC on 20 October is 00:30 on 21 October in London (BST).
    const late = enc(acute, 'a', 'A&E attendance', '2026-10-20T23:30:00Z');
    const next = enc(mh, 'b', 'A&E attendance', '2026-10-21');
    const before = enc(riverside, 'c', 'A&E attendance', '2026-10-20');
    expect(likelyDuplicateEncounters([late, next, before])).toEqual(new Set([late.key, next.key]));
  });

  it('flags exactly the encounters that share a London day and type with another source (pairwise check)', () => {
    const day = (r: EncounterRecord) => {
      const d = parseFhirDate(r.start);
      return d?.day === undefined ? undefined : `${d.year}-${d.month}-${d.day}`;
    };
    const type = (r: EncounterRecord) => r.type.toLowerCase().replace(/[^a-z0-9]/g, '');
    fc.assert(
      fc.property(encounterRecords, (records) => {
        const flagged = likelyDuplicateEncounters(records);
        for (const r of records) {
          const twin = records.some((o) => o.source.endpointId !== r.source.endpointId && day(o) !== undefined && day(o) === day(r) && type(o) === type(r));
          expect(flagged.has(r.key), r.key).toBe(twin);
        }
        expect([...flagged].every((k) => records.some((r) => r.key === k))).toBe(true);
      }),
    );
  });
});
