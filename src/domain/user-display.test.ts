import { describe, expect, it } from 'vitest';
import { signedInAs } from './user-display';

const hart = { resourceType: 'Practitioner' as const, name: [{ family: 'Hart', given: ['Amelia'], prefix: ['Dr'] }] };

describe('signedInAs', () => {
  it('names the user and the role from PractitionerRole.code', () => {
    const role = {
      resourceType: 'PractitionerRole' as const,
      code: [{ coding: [{ system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' }] }],
    };
    expect(signedInAs(hart, role)).toBe('Dr Amelia HART, General practitioner');
  });

  it('prefers the coded concept’s text, and leaves the role out when unknown', () => {
    expect(signedInAs(hart, { resourceType: 'PractitionerRole', code: [{ text: 'Locum GP', coding: [{ display: 'General practitioner' }] }] })).toBe(
      'Dr Amelia HART, Locum GP',
    );
    expect(signedInAs(hart, undefined)).toBe('Dr Amelia HART');
    expect(signedInAs(hart, { resourceType: 'PractitionerRole', code: [{ coding: [{ code: '62247001' }] }] })).toBe('Dr Amelia HART');
  });

  it('is undefined without a name', () => {
    expect(signedInAs(undefined, undefined)).toBeUndefined();
    expect(signedInAs({ resourceType: 'Practitioner' }, undefined)).toBeUndefined();
  });
});
