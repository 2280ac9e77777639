import { describe, expect, it } from 'vitest';
import { resolveFhirUser } from './fhir-user';

const ISS = 'http://localhost:8430/fhir';

describe('resolveFhirUser', () => {
  it('reads an absolute Practitioner or PractitionerRole URL on iss', () => {
    expect(resolveFhirUser(`${ISS}/Practitioner/gp-amelia-hart`, ISS)).toEqual({
      resourceType: 'Practitioner', id: 'gp-amelia-hart', url: `${ISS}/Practitioner/gp-amelia-hart`,
    });
    expect(resolveFhirUser(`${ISS}/PractitionerRole/r1`, `${ISS}/`)?.url).toBe(`${ISS}/PractitionerRole/r1`);
  });

  it('resolves a relative reference against iss', () => {
    expect(resolveFhirUser('Practitioner/x1', ISS)?.url).toBe(`${ISS}/Practitioner/x1`);
  });

  it('ignores a claim off the launching server, so the token is not sent there', () => {
    expect(resolveFhirUser('http://evil.example/fhir/Practitioner/x', ISS)).toBeUndefined();
    expect(resolveFhirUser('http://localhost:8430/fhirx/Practitioner/x', ISS)).toBeUndefined();
    expect(resolveFhirUser('http://localhost:8431/fhir/Practitioner/x', ISS)).toBeUndefined();
  });

  it('ignores other types, odd shapes and bad ids', () => {
    for (const claim of [undefined, '', 'Patient/p1', 'RelatedPerson/r', 'Practitioner', 'Practitioner/a/_history/1', 'Practitioner/a b', `${ISS}/Practitioner/../x`]) {
      expect(resolveFhirUser(claim, ISS), String(claim)).toBeUndefined();
    }
  });
});
