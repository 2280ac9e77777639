import { describe, expect, it } from 'vitest';
import { rolePolicy } from './access-policy';
import { itemAccess } from './item-access';
import { readLabels, sensitivityClass, V3_ACT_CODE, V3_CONFIDENTIALITY } from './security-labels';

const labelled = (...security: { system: string; code: string }[]) => ({ resourceType: 'Condition', meta: { security } });

describe('security labels', () => {
  it('reads the strictest confidentiality and the known sensitivity codes', () => {
    expect(readLabels(labelled({ system: V3_CONFIDENTIALITY, code: 'R' }, { system: V3_CONFIDENTIALITY, code: 'V' }, { system: V3_ACT_CODE, code: 'HIV' }))).toEqual({
      confidentiality: 'V', sensitivities: ['HIV'], unrecognised: 0,
    });
    expect(readLabels({ meta: {} })).toEqual({ sensitivities: [], unrecognised: 0 });
    expect(readLabels(null)).toEqual({ sensitivities: [], unrecognised: 0 });
    // Labels that cannot be read at all are labels not understood.
    expect(readLabels({ meta: { security: 'nonsense' } })).toEqual({ sensitivities: [], unrecognised: 1 });
    expect(readLabels({ meta: { security: ['R', null] } })).toEqual({ sensitivities: [], unrecognised: 2 });
  });

  it('classes V as very restricted, R or any sensitivity code as restricted, and U, L, M, N or nothing as none', () => {
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'V' }))).toBe('very-restricted');
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'R' }))).toBe('restricted');
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'N' }, { system: V3_ACT_CODE, code: 'STD' }))).toBe('restricted');
    for (const code of ['U', 'L', 'M', 'N']) expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code }))).toBe('none');
    expect(sensitivityClass({ resourceType: 'Condition' })).toBe('none');
  });

  it('reads the same systems under their older names and OIDs', () => {
    expect(sensitivityClass(labelled({ system: 'urn:oid:2.16.840.1.113883.5.25', code: 'R' }))).toBe('restricted');
    expect(sensitivityClass(labelled({ system: 'http://hl7.org/fhir/v3/Confidentiality', code: 'V' }))).toBe('very-restricted');
    expect(readLabels(labelled({ system: 'urn:oid:2.16.840.1.113883.5.4', code: 'SDV' }, { system: 'http://hl7.org/fhir/v3/ActCode', code: 'PSY' }))).toEqual({
      sensitivities: ['SDV', 'PSY'], unrecognised: 0,
    });
  });

  it('withholds a label it cannot interpret: it cannot tell what that label allows', () => {
    // A lower-case code is not a v3-Confidentiality code; nor is one missing.
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'r' }))).toBe('restricted');
    expect(sensitivityClass({ meta: { security: [{ system: V3_CONFIDENTIALITY }] } })).toBe('restricted');
    // Codes without a system: a bare V is read as the strictest thing it may mean.
    expect(sensitivityClass({ meta: { security: [{ code: 'R' }] } })).toBe('restricted');
    expect(sensitivityClass({ meta: { security: [{ code: 'SDV' }] } })).toBe('restricted');
    expect(sensitivityClass({ meta: { security: [{ code: 'V' }] } })).toBe('very-restricted');
    // A local label, and a V from a system that is not v3-Confidentiality.
    expect(sensitivityClass({ meta: { security: [{ system: 'https://fhir.example-trust.nhs.uk/security', code: 'SAFEGUARDING', display: 'Restricted to safeguarding team' }] } })).toBe('restricted');
    expect(sensitivityClass({ meta: { security: [{ display: 'Restricted to safeguarding team' }] } })).toBe('restricted');
    expect(sensitivityClass(labelled({ system: 'http://example.org/other', code: 'V' }))).toBe('restricted');
  });

  it('lets through the labels that say nothing about who may see a record: purpose of use, test data, handling obligations', () => {
    expect(sensitivityClass(labelled(
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'HTEST' },
      { system: V3_ACT_CODE, code: 'NORDSCLCD' },
    ))).toBe('none');
  });

  it('lets a clinician reveal restricted items, never V; social care never either', () => {
    const clinical = rolePolicy(undefined, 'clinical');
    expect(itemAccess('restricted', 'clinical', clinical, false)).toBe('withheld-revealable');
    expect(itemAccess('restricted', 'clinical', clinical, true)).toBe('shown-revealed');
    expect(itemAccess('very-restricted', 'clinical', clinical, true)).toBe('withheld');
    // Even a policy that tried to let social care reveal does not.
    const social = rolePolicy({ 'social-care': { reveal: 'restricted', overrideObjection: true } }, 'social-care');
    expect(social.reveal).toBe('none');
    expect(itemAccess('restricted', 'social-care', { reveal: 'restricted', overrideObjection: true }, true)).toBe('withheld');
  });
});

describe('concealed involvement', () => {
  const ENDPOINTS = [
    { id: 'riverside-gp', kind: 'gp-practice' },
    { id: 'fenland-mh', kind: 'mental-health' },
    { id: 'clinic-x', kind: 'sexual-health' },
    { id: 'no-kind' },
  ];
  it('conceals mental-health and sexual-health organisations from social-care and unknown roles by default, from clinicians never', async () => {
    const { concealedEndpoints } = await import('./access-policy');
    expect([...concealedEndpoints(ENDPOINTS, rolePolicy(undefined, 'social-care'))]).toEqual(['fenland-mh', 'clinic-x']);
    expect([...concealedEndpoints(ENDPOINTS, rolePolicy(undefined, 'unknown'))]).toEqual(['fenland-mh', 'clinic-x']);
    expect([...concealedEndpoints(ENDPOINTS, rolePolicy(undefined, 'clinical'))]).toEqual([]);
    // Configurable: a deployer may conceal other kinds, or none, for a configurable role.
    const configured = rolePolicy({ 'social-care': { reveal: 'none', overrideObjection: false, conceal: ['gp-practice'] } }, 'social-care');
    expect([...concealedEndpoints(ENDPOINTS, configured)]).toEqual(['riverside-gp']);
    // The unknown role keeps the cautious default whatever is configured.
    expect([...concealedEndpoints(ENDPOINTS, rolePolicy({ clinical: { reveal: 'restricted', overrideObjection: true, conceal: [] } }, 'unknown'))]).toEqual(['fenland-mh', 'clinic-x']);
  });
});
