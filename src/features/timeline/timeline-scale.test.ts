import { describe, expect, it } from 'vitest';
import { barsPath, scaleTime, timeTicks } from './timeline-scale';

const w = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to) });

describe('timeline scale', () => {
  it('places moments linearly across the width', () => {
    const x = scaleTime(w('2026-01-01', '2026-01-11'), 10, 110);
    expect(x(Date.parse('2026-01-06'))).toBe(60);
  });

  it('marks months for a year, naming the year at January', () => {
    expect(timeTicks(w('2025-11-21', '2026-11-21')).map((t) => t.label)).toEqual([
      'Dec', 'Jan 2026', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov',
    ]);
  });

  it('marks quarters for two years, years for longer spans, spaced so labels never crowd', () => {
    expect(timeTicks(w('2024-11-21', '2026-11-21')).map((t) => t.label)).toEqual(['Jan 2025', 'Apr', 'Jul', 'Oct', 'Jan 2026', 'Apr', 'Jul', 'Oct']);
    expect(timeTicks(w('2021-11-21', '2026-11-21')).map((t) => t.label)).toEqual(['2022', '2023', '2024', '2025', '2026']);
    expect(timeTicks(w('1990-03-01', '2026-11-21')).map((t) => t.label)).toEqual(['1995', '2000', '2005', '2010', '2015', '2020', '2025']);
  });

  it('draws bars of one height as one path: a closed rectangle per bar, at a hundredth of a pixel', () => {
    // A 2-pixel tick at x = 10 and a stay from x = 20.125 to 25.5, both 12 high from y = 17.
    expect(barsPath([{ x: 10, width: 2 }, { x: 20.125, width: 5.375 }], 17, 12)).toBe('M10 17h2v12h-2zM20.13 17h5.38v12h-5.38z');
    expect(barsPath([], 17, 12)).toBe('');
  });
});

