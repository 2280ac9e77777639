import { describe, expect, it } from 'vitest';
import { formatAge, formatCuiDate, londonDate, parseFhirDate } from './cui-date';

const on = (s: string) => parseFhirDate(s) as { year: number; month: number; day: number };
const age = (birth: string, today: string) => formatAge(parseFhirDate(birth)!, on(today));

describe('formatCuiDate', () => {
  it('formats full and partial FHIR dates as the CUI does', () => {
    expect(formatCuiDate(parseFhirDate('1948-03-04')!)).toBe('04-Mar-1948');
    expect(formatCuiDate(parseFhirDate('2026-11-21')!)).toBe('21-Nov-2026');
    expect(formatCuiDate(parseFhirDate('1948-12')!)).toBe('Dec-1948');
    expect(formatCuiDate(parseFhirDate('1948')!)).toBe('1948');
  });

  it('rejects impossible dates', () => {
    for (const s of ['1948-13-01', '1949-02-29', '1948-00', '04/03/1948', '', undefined]) {
      expect(parseFhirDate(s), String(s)).toBeUndefined();
    }
    expect(parseFhirDate('1948-02-29')).toEqual({ year: 1948, month: 2, day: 29 });
  });

  it('puts a dateTime on the Europe/London calendar', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(formatCuiDate(parseFhirDate('2026-06-30T23:30:00Z')!)).toBe('01-Jul-2026');
    expect(formatCuiDate(parseFhirDate('2026-12-31T23:30:00Z')!)).toBe('31-Dec-2026');
  });
});

describe('londonDate', () => {
  it('is the date in London, not in UTC or the machine zone', () => {
    expect(londonDate(new Date('2026-03-29T23:15:00Z'))).toEqual({ year: 2026, month: 3, day: 30 });
    expect(londonDate(new Date('2026-11-21T12:00:00Z'))).toEqual({ year: 2026, month: 11, day: 21 });
  });
});

describe('formatAge', () => {
  it('gives years for adults, counting the birthday itself', () => {
    expect(age('1948-03-04', '2026-11-21')).toBe('78y');
    expect(age('1948-11-21', '2026-11-21')).toBe('78y');
    expect(age('1948-11-22', '2026-11-21')).toBe('77y');
    expect(age('2008-11-21', '2026-11-21')).toBe('18y');
  });

  it('gives years and months from 2 to 18', () => {
    expect(age('2014-08-20', '2026-11-21')).toBe('12y 3m');
    expect(age('2024-11-21', '2026-11-21')).toBe('2y 0m');
  });

  it('gives months and days from 1 to 2 years', () => {
    expect(age('2025-08-18', '2026-11-21')).toBe('15m 3d');
    expect(age('2025-11-21', '2026-11-21')).toBe('12m 0d');
    expect(age('2025-01-31', '2026-03-01')).toBe('13m 1d');
  });

  it('gives weeks and days under a year, days under 4 weeks', () => {
    expect(age('2026-08-15', '2026-11-21')).toBe('14w 0d');
    expect(age('2026-10-24', '2026-11-21')).toBe('4w 0d');
    expect(age('2026-11-06', '2026-11-21')).toBe('15d');
    expect(age('2026-11-21', '2026-11-21')).toBe('0d');
  });

  it('ages someone born on 29 February on 1 March in other years', () => {
    expect(age('1960-02-29', '2027-02-28')).toBe('66y');
    expect(age('1960-02-29', '2027-03-01')).toBe('67y');
  });

  it('gives no age for a partial or future birth date', () => {
    expect(age('1948', '2026-11-21')).toBeUndefined();
    expect(age('1948-03', '2026-11-21')).toBeUndefined();
    expect(age('2027-01-01', '2026-11-21')).toBeUndefined();
  });
});
