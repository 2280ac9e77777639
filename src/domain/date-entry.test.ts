import { describe, expect, it } from 'vitest';
import { formatDateEntry, parseDateEntry } from './date-entry';

describe('parseDateEntry', () => {
  it('reads the CUI form and the ways dates are written in England, day first', () => {
    for (const text of ['04-Mar-2026', '4-mar-2026', '4 March 2026', '04Mar2026', '04/03/2026', '4.3.2026', '4-3-2026', ' 2026-03-04 ']) {
      expect(parseDateEntry(text), text).toBe('2026-03-04');
    }
    expect(parseDateEntry('12 Sept 2025')).toBe('2025-09-12');
  });

  it('refuses impossible dates, two-digit years, unknown months and half-typed dates', () => {
    for (const text of ['31-Feb-2026', '29/02/2025', '04/03/26', '04-Mrz-2026', '04-Marc-2026', '2026', '04-Mar', '', '13/13/2026']) {
      expect(parseDateEntry(text), text).toBeUndefined();
    }
    expect(parseDateEntry('29/02/2028')).toBe('2028-02-29');
  });
});

describe('formatDateEntry', () => {
  it('shows a date in the CUI form', () => {
    expect(formatDateEntry('2026-03-04')).toBe('04-Mar-2026');
    expect(formatDateEntry('')).toBe('');
  });
});
