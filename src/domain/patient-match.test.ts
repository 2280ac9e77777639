import { describe, expect, it } from 'vitest';
import type { Patient } from 'fhir/r4';
import { generateWorld } from '../../mocks/data/world';
import { NHS_NUMBER_SYSTEM, launchIdentity, type PatientIdentity } from './patient-identity';
import { SEVERAL_RECORDS, matchPatient, sameFamilyName } from './patient-match';

const identity: PatientIdentity = { nhsNumber: '9990000018', birthDate: '1941-03-12', family: 'Whitfield' };
const candidate = (id: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000018' }],
  name: [{ use: 'official', family: 'WHITFIELD', given: ['Margaret'] }],
  birthDate: '1941-03-12',
  ...extra,
});

describe('matchPatient', () => {
  it('matches exactly one candidate with the same NHS number, date of birth and family name', () => {
    expect(matchPatient(identity, [candidate('d99001-1001')])).toEqual({ status: 'matched', patientId: 'd99001-1001' });
  });

  it('excludes when there is no candidate, or several', () => {
    expect(matchPatient(identity, [])).toEqual({ status: 'no-record' });
    expect(matchPatient(identity, [candidate('a'), candidate('b')])).toEqual({ status: 'excluded', reason: SEVERAL_RECORDS });
  });

  it('counts the same resource returned twice once', () => {
    expect(matchPatient(identity, [candidate('a'), candidate('a')])).toEqual({ status: 'matched', patientId: 'a' });
  });

  it('names the date of birth that differs, in CUI form', () => {
    expect(matchPatient(identity, [candidate('a', { birthDate: '1941-03-13' })])).toEqual({
      status: 'excluded',
      reason: 'Date of birth differs: 12-Mar-1941 in the launching record, 13-Mar-1941 here',
    });
  });

  it('names the family name that differs', () => {
    expect(matchPatient(identity, [candidate('a', { name: [{ family: 'Whitfeld' }] })])).toEqual({
      status: 'excluded',
      reason: 'Family name differs: WHITFIELD in the launching record, WHITFELD here',
    });
  });

  it('ignores case, spacing and accents in family names, not other letters or hyphens', () => {
    expect(sameFamilyName('Ó Briain', 'o briain')).toBe(true);
    expect(sameFamilyName('Mc Donald', 'McDonald')).toBe(true);
    expect(sameFamilyName('Smith-Jones', 'Smith Jones')).toBe(false);
    expect(matchPatient({ ...identity, family: 'Zoë' }, [candidate('a', { name: [{ family: ' ZOE ' }] })]).status).toBe('matched');
  });

  it('does not match a candidate that does not carry the NHS number', () => {
    const other = candidate('a', { identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000026' }] });
    const wrongSystem = candidate('b', { identifier: [{ system: 'https://example.org/mrn', value: '9990000018' }] });
    const none = candidate('c', { identifier: undefined });
    expect(matchPatient(identity, [other, wrongSystem, none])).toEqual({ status: 'no-record' });
    expect(matchPatient(identity, [other, candidate('d')])).toEqual({ status: 'matched', patientId: 'd' });
  });

  it('cannot confirm a match when either side lacks the date of birth or family name', () => {
    expect(matchPatient({ nhsNumber: '9990000018', family: 'Whitfield' }, [candidate('a')]).status).toBe('excluded');
    expect(matchPatient(identity, [candidate('a', { birthDate: undefined })]).status).toBe('excluded');
    expect(matchPatient(identity, [candidate('a', { name: [{ given: ['Margaret'] }] })]).status).toBe('excluded');
    expect(matchPatient(identity, [candidate('a', { id: undefined })]).status).toBe('excluded');
  });

  describe('on the synthetic world', () => {
    const world = generateWorld();
    const patientsAt = (endpoint: string) => (world.byEndpoint[endpoint] ?? []).filter((r): r is Patient => r.resourceType === 'Patient');

    it("finds every person at every organisation that knows them under that organisation's id, except a differing date of birth", () => {
      let matched = 0;
      for (const person of world.people) {
        const home = Object.keys(person.patientIds)[0] as string;
        const launching = patientsAt(home).find((p) => p.id === person.patientIds[home]) as Patient;
        const id = launchIdentity(launching);
        if (!id.ok) throw new Error(id.reason);
        for (const [endpoint, patientId] of Object.entries(person.patientIds)) {
          const result = matchPatient(id.identity, patientsAt(endpoint));
          if (person.key === world.cases.dobMismatch && endpoint === 'stort-acute') {
            expect(result).toEqual({ status: 'excluded', reason: 'Date of birth differs: 07-Mar-1979 in the launching record, 03-Jul-1979 here' });
          } else {
            expect(result).toEqual({ status: 'matched', patientId });
            matched++;
          }
        }
      }
      expect(matched).toBeGreaterThan(60);
    });
  });
});
