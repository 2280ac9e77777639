import { describe, expect, it } from 'vitest';
import { unsignedJwt } from '../testing/smart-state';
import { fhirUserClaim } from './id-token';

describe('fhirUserClaim', () => {
  it('reads fhirUser from a base64url payload, including - and _ characters', () => {
    const jwt = unsignedJwt({ fhirUser: 'http://localhost:8430/fhir/Practitioner/x', note: '>>>???' });
    expect(jwt.split('.')[1]).toMatch(/[-_]/);
    expect(fhirUserClaim(jwt)).toBe('http://localhost:8430/fhir/Practitioner/x');
  });

  it('reads non-ASCII claims as UTF-8', () => {
    expect(fhirUserClaim(unsignedJwt({ fhirUser: 'Practitioner/x', name: 'Zoë Ó' }))).toBe('Practitioner/x');
  });

  it('gives undefined for a missing claim or a malformed token', () => {
    expect(fhirUserClaim(unsignedJwt({ sub: 'a' }))).toBeUndefined();
    expect(fhirUserClaim('not-a-jwt')).toBeUndefined();
    expect(fhirUserClaim('a.%%%.b')).toBeUndefined();
    expect(fhirUserClaim(undefined)).toBeUndefined();
  });
});
