import { describe, expect, it } from 'vitest';
import { MEDICINE_NAME_CACHE_SIZE, normaliseMedicineName } from './medicine-name';

describe('normaliseMedicineName', () => {
  it('makes case, spacing, punctuation and unit spelling uniform', () => {
    const same = ['Amlodipine 5mg tablets', 'AMLODIPINE 5 MG TABLETS.', '  amlodipine   5 milligram tablet ', 'Amlodipine 5mgs Tabs'];
    for (const s of same) expect(normaliseMedicineName(s), s).toBe('amlodipine 5mg tablet');
  });

  it('treats microgram, micrograms, mcg, µg and ug alike', () => {
    const same = ['Salbutamol 100micrograms/dose inhaler', 'Salbutamol 100 mcg/dose inhaler', 'SALBUTAMOL 100µg/dose inhaler', 'Salbutamol 100 ug / dose inhaler', 'Salbutamol 100 microgram/dose inhaler'];
    for (const s of same) expect(normaliseMedicineName(s), s).toBe('salbutamol 100mcg dose inhaler');
  });

  it('keeps strengths, decimals and thousands apart where they differ', () => {
    expect(normaliseMedicineName('Ramipril 2.5mg capsules')).toBe('ramipril 2.5mg capsule');
    expect(normaliseMedicineName('Ramipril 2.5mg capsules')).not.toBe(normaliseMedicineName('Ramipril 25mg capsules'));
    expect(normaliseMedicineName('Amlodipine 5mg tablets')).not.toBe(normaliseMedicineName('Amlodipine 10mg tablets'));
    expect(normaliseMedicineName('Nystatin 100,000units/ml oral suspension')).toBe('nystatin 100000unit ml oral suspension');
    expect(normaliseMedicineName('Thing 1,000,000 units')).toBe('thing 1000000unit');
    expect(normaliseMedicineName('Co-codamol 30mg/500mg tablets')).toBe('co codamol 30mg 500mg tablet');
  });

  it('strips accents and leaves nothing of pure punctuation', () => {
    expect(normaliseMedicineName('Crème E45')).toBe('creme e 45');
    expect(normaliseMedicineName(' -- ')).toBe('');
  });

  it('gives each name its own form every time, also after its memory of names has filled and emptied', () => {
    expect(normaliseMedicineName('Amlodipine 10mg tablets')).toBe('amlodipine 10mg tablet');
    expect(normaliseMedicineName('Amlodipine 5mg tablets')).toBe('amlodipine 5mg tablet');
    expect(normaliseMedicineName('Amlodipine 10mg tablets')).toBe('amlodipine 10mg tablet');
    for (let i = 0; i < MEDICINE_NAME_CACHE_SIZE + 10; i += 1) expect(normaliseMedicineName(`Medicine ${i}mg Tabs`)).toBe(`medicine ${i}mg tablet`);
    expect(normaliseMedicineName('AMLODIPINE 5 MG TABLETS.')).toBe('amlodipine 5mg tablet');
    expect(normaliseMedicineName('Medicine 7mg Tabs')).toBe('medicine 7mg tablet');
  });
});

