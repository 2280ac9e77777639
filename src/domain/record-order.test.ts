import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byDateDesc, byName, byText, INSTANT_CACHE_SIZE, instantOf, newestFirst } from './record-order';

describe('record ordering', () => {
  it('reads FHIR dates of every precision as instants, and nothing else', () => {
    expect(instantOf('2026-10-01')).toBe(Date.UTC(2026, 9, 1));
    expect(instantOf('2026-10-01T10:00:00+01:00')).toBe(Date.UTC(2026, 9, 1, 9));
    expect(instantOf('2026')).toBe(Date.UTC(2026, 0, 1));
    expect(instantOf(undefined)).toBeUndefined();
    expect(instantOf('not a date')).toBeUndefined();
  });

  it('sorts newest first with missing dates last, comparing instants not strings', () => {
    const dates = [undefined, '2024-01-05', '2026-10-01T10:00:00+01:00', '2026-10-01T09:30:00Z', undefined, '2025-06'];
    expect([...dates].sort(byDateDesc)).toEqual(['2026-10-01T09:30:00Z', '2026-10-01T10:00:00+01:00', '2025-06', '2024-01-05', undefined, undefined]);
  });

  it('is a consistent comparator (antisymmetric, zero only for equal instants)', () => {
    const date = fc.option(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), { nil: undefined });
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(Math.sign(byDateDesc(a, b))).toBe(-Math.sign(byDateDesc(b, a)) || 0);
        if (byDateDesc(a, b) === 0) expect(instantOf(a)).toBe(instantOf(b));
      }),
    );
    expect(byText('a', 'B')).toBe(1);
    expect(byText('x', 'x')).toBe(0);
  });

  it('reads the same text as the same instant every time, also after its memory of texts has filled and emptied', () => {
    expect(instantOf('2026-10-01')).toBe(Date.UTC(2026, 9, 1));
    expect(instantOf('2026-10-01')).toBe(Date.UTC(2026, 9, 1));
    expect(instantOf('2026-13-01')).toBeUndefined();
    expect(instantOf('2026-13-01')).toBeUndefined();
    // More distinct days than it keeps: the minute of day d past 2000-01-01 (UTC).
    const day0 = Date.UTC(2000, 0, 1);
    const text = (d: number) => `2000-01-01T00:00:00Z`.replace('00:00:00', `${String(Math.floor(d / 60) % 24).padStart(2, '0')}:${String(d % 60).padStart(2, '0')}:00`);
    for (let d = 0; d < 1440; d += 1) expect(instantOf(text(d))).toBe(day0 + d * 60_000);
    for (let i = 0; i < INSTANT_CACHE_SIZE + 10; i += 1) instantOf(`${1000 + (i % 9000)}-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}Z`);
    for (let d = 0; d < 1440; d += 1) expect(instantOf(text(d))).toBe(day0 + d * 60_000);
    expect(instantOf('2026-10-01T10:00:00+01:00')).toBe(Date.UTC(2026, 9, 1, 9));
  });
});

describe('byName', () => {
  it('orders names in English: letters before case, accents after the plain letter, numbers by their digits', () => {
    expect(['Zopiclone', 'amlodipine', 'Éclair', 'Eclair', 'aspirin', 'Aspirin', '10 mg', '2 mg'].sort(byName)).toEqual([
      '10 mg', '2 mg', 'amlodipine', 'aspirin', 'Aspirin', 'Eclair', 'Éclair', 'Zopiclone',
    ]);
  });

  it('is localeCompare with the en-GB locale, for any two texts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(byName(a, b))).toBe(Math.sign(a.localeCompare(b, 'en-GB')));
      }),
    );
  });
});

describe('newestFirst', () => {
  it('orders by the instant a date stands for: an offset counts, a partial date is its first instant, undated last, then by key', () => {
    const items = [
      { key: 'c', date: '2026-03-01T10:00:00+01:00' }, // 09:00 UTC
      { key: 'a' },
      { key: 'd', date: '2026-03-01T09:30:00Z' },
      { key: 'b', date: '2026-03' }, // 1 March, 00:00 UTC
      { key: 'e', date: '2026-03-01T09:30:00Z' },
    ];
    expect([...items].sort(newestFirst).map((i) => i.key)).toEqual(['d', 'e', 'c', 'b', 'a']);
  });
});

