import type { Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, nhsNumberOf, patientBanner } from './patient-display';

const NOW = new Date('2026-11-21T10:00:00Z');

const patient = (extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  id: 'p1',
  name: [{ use: 'official', family: 'Hart', given: ['Amelia'], prefix: ['Mrs'] }],
  birthDate: '1948-03-04',
  gender: 'female',
  identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765919' }],
  ...extra,
});

describe('patientBanner', () => {
  it('builds the CUI banner: name, date of birth with age, gender, NHS number 3-3-4', () => {
    expect(patientBanner(patient(), NOW)).toEqual({
      name: 'HART, Amelia (Mrs)',
      born: '04-Mar-1948',
      age: '78y',
      gender: 'Female',
      nhsNumber: '943 476 5919',
      deceased: undefined,
    });
  });

  it('computes the age on the London date, not the UTC one', () => {
    // 23:30 UTC on 3 June 2026 is 00:30 on 4 June in British Summer Time.
    expect(patientBanner(patient({ birthDate: '1948-06-04' }), new Date('2026-06-03T23:30:00Z')).age).toBe('78y');
    expect(patientBanner(patient({ birthDate: '1948-06-04' }), new Date('2026-06-03T22:30:00Z')).age).toBe('77y');
  });

  it('marks a deceased patient and gives the age at death', () => {
    expect(patientBanner(patient({ deceasedDateTime: '2025-01-10T09:00:00Z' }), NOW)).toMatchObject({
      deceased: { date: '10-Jan-2025' },
      age: '76y',
    });
    expect(patientBanner(patient({ deceasedBoolean: true }), NOW)).toMatchObject({ deceased: { date: undefined }, age: undefined });
    expect(patientBanner(patient({ deceasedBoolean: false }), NOW).deceased).toBeUndefined();
  });

  it('says when gender or name is not recorded', () => {
    const b = patientBanner({ resourceType: 'Patient' }, NOW);
    expect(b).toMatchObject({ name: undefined, born: undefined, age: undefined, gender: 'Not recorded', nhsNumber: undefined });
    expect(patientBanner(patient({ gender: 'unknown' }), NOW).gender).toBe('Unknown');
  });
});

describe('nhsNumberOf', () => {
  it('shows only a valid NHS number under the NHS number system', () => {
    expect(nhsNumberOf(patient({ identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765918' }] }))).toBeUndefined();
    expect(nhsNumberOf(patient({ identifier: [{ system: 'https://example.org/mrn', value: '9434765919' }] }))).toBeUndefined();
    expect(nhsNumberOf(patient({ identifier: [{ system: NHS_NUMBER_SYSTEM, value: '943 476 5919' }] }))).toBe('943 476 5919');
    expect(
      nhsNumberOf(patient({ identifier: [{ system: NHS_NUMBER_SYSTEM, value: '1234' }, { system: NHS_NUMBER_SYSTEM, value: '9434765919' }] })),
    ).toBe('943 476 5919');
  });
});
