import { describe, expect, it } from 'vitest';
import { Unreadable, conceptDisplay, conceptText, readDate } from './fhir-values';

describe('readDate', () => {
  it('keeps valid FHIR dates and dateTimes exactly as sent', () => {
    for (const d of ['1941', '1941-03', '1941-03-12', '2022-02-19T17:36:35+00:00', '2026-10-29T10:00:00Z', '2026-10-29T10:00:00.123Z', '2026-10-29T10:00Z']) {
      expect(readDate(d, 'authoredOn')).toBe(d);
    }
    expect(readDate(undefined, 'authoredOn')).toBeUndefined();
  });

  it('rejects impossible, malformed and out-of-range dates with a plain problem naming the element', () => {
    const bad = ['2023-02-30', '2023-13-01', '12/03/1941', '2022-02-19T17:36:35', '2022-02-19 17:36:35Z', '1849-12-31', '2201-01-01', '0001-01-01', ''];
    for (const d of bad) expect(() => readDate(d, 'authoredOn'), d).toThrow(Unreadable);
    expect(() => readDate('2023-02-30', 'authoredOn')).toThrow('The date in authoredOn is not a real calendar date: "2023-02-30"');
    expect(() => readDate('1066-10-14', 'period.start')).toThrow('The date in period.start is outside 1850–2200: "1066-10-14"');
    expect(() => readDate(20230101, 'authoredOn')).toThrow('is not a date');
  });

  it('accepts the edges of the range', () => {
    expect(readDate('1850-01-01', 'x')).toBe('1850-01-01');
    expect(readDate('2200-12-31', 'x')).toBe('2200-12-31');
  });
});

describe('concept text', () => {
  const cc = { text: 'GP surgery consultation', coding: [{ system: 'http://snomed.info/sct', code: '11429006', display: 'Consultation' }] };
  it('reads text first or display first, as asked', () => {
    expect(conceptText(cc)).toBe('GP surgery consultation');
    expect(conceptDisplay(cc)).toBe('Consultation');
    expect(conceptText({ coding: [{ display: '  ' }, { display: 'Safety' }] })).toBe('Safety');
    expect(conceptText({ text: ' ' })).toBeUndefined();
  });
});
