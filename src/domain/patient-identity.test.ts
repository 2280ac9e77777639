import { describe, expect, it } from 'vitest';
import type { Identifier, Patient } from 'fhir/r4';
import { generateWorld } from '../../mocks/data/world';
import { NHS_NUMBER_SYSTEM, NHS_NUMBER_VERIFICATION_SYSTEM, NHS_NUMBER_VERIFICATION_URL, identifierSearch, launchIdentity } from './patient-identity';

const nhsId = (value: string, code?: string, system = NHS_NUMBER_VERIFICATION_SYSTEM): Identifier => ({
  system: NHS_NUMBER_SYSTEM,
  value,
  ...(code ? { extension: [{ url: NHS_NUMBER_VERIFICATION_URL, valueCodeableConcept: { coding: [{ system, code }] } }] } : {}),
});
const patient = (identifier: Identifier[], extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  id: 'p1',
  identifier,
  name: [{ use: 'official', family: 'Whitfield', given: ['Margaret'] }],
  birthDate: '1941-03-12',
  ...extra,
});

describe('launchIdentity', () => {
  it('takes a valid, verified (01) NHS number with the date of birth and family name', () => {
    expect(launchIdentity(patient([nhsId('999 000 0018', '01')]))).toEqual({
      ok: true,
      identity: { nhsNumber: '9990000018', birthDate: '1941-03-12', family: 'Whitfield' },
    });
  });

  it('accepts 01 under the code system name of earlier UK Core releases, as real feeds send it', () => {
    const legacy = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus';
    expect(launchIdentity(patient([nhsId('9990000018', '01', legacy)])).ok).toBe(true);
    expect(launchIdentity(patient([nhsId('9990000018', '02', legacy)])).ok).toBe(false);
  });

  it('accepts every synthetic Patient (all carry verified numbers)', () => {
    const world = generateWorld();
    const patients = Object.values(world.byEndpoint).flat().filter((r): r is Patient => r.resourceType === 'Patient');
    expect(patients.length).toBeGreaterThan(60);
    for (const p of patients) expect(launchIdentity(p).ok).toBe(true);
  });

  it('refuses a number that is not verified, with the status it has', () => {
    const r = launchIdentity(patient([nhsId('9990000018', '02')]));
    expect(r).toEqual({ ok: false, reason: 'The NHS number in the launching record is not verified (verification status 02)' });
    expect(launchIdentity(patient([nhsId('9990000018')]))).toMatchObject({ ok: false, reason: expect.stringContaining('no verification status') });
  });

  it('refuses 01 from another code system or another extension', () => {
    expect(launchIdentity(patient([nhsId('9990000018', '01', 'https://example.org/other')])).ok).toBe(false);
    const wrongUrl: Identifier = { system: NHS_NUMBER_SYSTEM, value: '9990000018', extension: [{ url: 'https://example.org/x', valueCodeableConcept: { coding: [{ system: NHS_NUMBER_VERIFICATION_SYSTEM, code: '01' }] } }] };
    expect(launchIdentity(patient([wrongUrl])).ok).toBe(false);
  });

  it('refuses a number that fails modulus 11, even when marked verified', () => {
    expect(launchIdentity(patient([nhsId('9990000019', '01')]))).toEqual({ ok: false, reason: 'The NHS number in the launching record is not a valid NHS number' });
  });

  it('refuses a record without an NHS number, or with only a superseded one', () => {
    expect(launchIdentity(patient([]))).toEqual({ ok: false, reason: 'The launching record has no NHS number' });
    expect(launchIdentity(patient([{ ...nhsId('9990000018', '01'), use: 'old' }])).ok).toBe(false);
    expect(launchIdentity(patient([{ system: 'https://fhir.nhs.uk/Id/other', value: '9990000018' }])).ok).toBe(false);
  });

  it('refuses two different verified numbers, but not the same number twice', () => {
    expect(launchIdentity(patient([nhsId('9990000018', '01'), nhsId('9990000026', '01')]))).toMatchObject({ ok: false });
    expect(launchIdentity(patient([nhsId('9990000018', '01'), nhsId('999 000 0018', '01')]))).toMatchObject({ ok: true });
  });

  it('leaves out date of birth and family name when the record has none', () => {
    expect(launchIdentity(patient([nhsId('9990000018', '01')], { birthDate: undefined, name: [{ text: 'Baby' }] }))).toEqual({
      ok: true,
      identity: { nhsNumber: '9990000018' },
    });
  });
});

describe('identifierSearch', () => {
  it('searches by system|value, URL-encoded', () => {
    expect(identifierSearch({ nhsNumber: '9990000018', family: 'Whitfield' })).toBe(
      'Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018',
    );
  });
});
