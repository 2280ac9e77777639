import { describe, expect, it } from 'vitest';
import type { PractitionerRole } from 'fhir/r4';
import { roleCategory } from './role';

const role = (...codes: Array<[string, string]>): PractitionerRole => ({
  resourceType: 'PractitionerRole',
  code: [{ coding: codes.map(([system, code]) => ({ system, code })) }],
});
const SCT = 'http://snomed.info/sct';

describe('roleCategory', () => {
  it('recognises the sandbox host users', () => {
    expect(roleCategory(role([SCT, '62247001']))).toBe('clinical');
    expect(roleCategory(role([SCT, '309343006']))).toBe('clinical');
    expect(roleCategory(role([SCT, '106328005']))).toBe('social-care');
  });

  it('is unknown without a role, with an unlisted code or a code from another system', () => {
    expect(roleCategory(undefined)).toBe('unknown');
    expect(roleCategory(role([SCT, '999999999']))).toBe('unknown');
    expect(roleCategory(role(['https://fhir.nhs.uk/CodeSystem/job-role', '62247001']))).toBe('unknown');
  });

  it('takes the narrower access when a role carries both kinds of code', () => {
    expect(roleCategory(role([SCT, '62247001'], [SCT, '106328005']))).toBe('social-care');
  });
});
