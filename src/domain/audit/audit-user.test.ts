import { describe, expect, it } from 'vitest';
import { auditUser } from './audit-user';

const ISS = 'http://localhost:8430/fhir';

describe('auditUser', () => {
  it('names the user by fhirUser, SDS ids, role and organisation', () => {
    expect(
      auditUser({
        iss: ISS,
        fhirUser: `${ISS}/Practitioner/gp-amelia-hart`,
        organisationOdsCode: 'D99001',
        practitioner: {
          resourceType: 'Practitioner', identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555000000101' }],
          name: [{ use: 'official', family: 'Hart', given: ['Amelia'], prefix: ['Dr'] }],
        },
        role: {
          resourceType: 'PractitionerRole', identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: '555000000102' }],
          organization: { reference: 'Organization/D99001', display: 'Riverside Medical Practice' },
          code: [{ coding: [{ system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' }] }],
        },
      }),
    ).toEqual({
      fhirUser: `${ISS}/Practitioner/gp-amelia-hart`,
      sdsUserId: '555000000101',
      name: 'Dr Amelia Hart',
      role: { system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' },
      sdsRoleProfileId: '555000000102',
      organisation: { reference: `${ISS}/Organization/D99001`, name: 'Riverside Medical Practice', odsCode: 'D99001' },
    });
  });

  it('takes the organisation and its ODS code from one source, so they cannot disagree', () => {
    const role = (organization: object) => ({ resourceType: 'PractitionerRole' as const, organization });
    // The role names another organisation than the launching endpoint's: its ODS code is not borrowed.
    expect(auditUser({ iss: ISS, organisationOdsCode: 'D99001', role: role({ reference: 'Organization/lea-valley', display: 'Lea Valley Health Centre' }) }).organisation)
      .toEqual({ reference: `${ISS}/Organization/lea-valley`, name: 'Lea Valley Health Centre' });
    // …its own ODS identifier is used instead.
    const byOds = role({ reference: 'Organization/lea-valley', identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'E99002' } });
    expect(auditUser({ iss: ISS, organisationOdsCode: 'D99001', role: byOds }).organisation?.odsCode).toBe('E99002');
    // No organisation on the role: the launching endpoint's configuration is the one source.
    expect(auditUser({ iss: ISS, organisationOdsCode: 'D99001' }).organisation).toEqual({ odsCode: 'D99001' });
  });

  it('keeps what is known when the user’s resources could not be read', () => {
    expect(auditUser({ iss: ISS, fhirUser: 'Practitioner/x' })).toEqual({ fhirUser: `${ISS}/Practitioner/x` });
    expect(auditUser({ iss: ISS })).toEqual({});
  });
});
