import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byDateDesc, byText, instantOf } from './record-order';

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
});
