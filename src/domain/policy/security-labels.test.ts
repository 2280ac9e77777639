import { describe, expect, it } from 'vitest';
import { rolePolicy } from './access-policy';
import { itemAccess } from './item-access';
import { readLabels, sensitivityClass, V3_ACT_CODE, V3_CONFIDENTIALITY } from './security-labels';

const labelled = (...security: { system: string; code: string }[]) => ({ resourceType: 'Condition', meta: { security } });

describe('security labels', () => {
  it('reads the strictest confidentiality and the known sensitivity codes', () => {
    expect(readLabels(labelled({ system: V3_CONFIDENTIALITY, code: 'R' }, { system: V3_CONFIDENTIALITY, code: 'V' }, { system: V3_ACT_CODE, code: 'HIV' }))).toEqual({
      confidentiality: 'V', sensitivities: ['HIV'],
    });
    expect(readLabels({ meta: { security: 'nonsense' } })).toEqual({ sensitivities: [] });
    expect(readLabels(null)).toEqual({ sensitivities: [] });
  });

  it('classes V as very restricted, R or any sensitivity code as restricted, and N or nothing as none', () => {
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'V' }))).toBe('very-restricted');
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'R' }))).toBe('restricted');
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'N' }, { system: V3_ACT_CODE, code: 'STD' }))).toBe('restricted');
    expect(sensitivityClass(labelled({ system: V3_CONFIDENTIALITY, code: 'N' }))).toBe('none');
    expect(sensitivityClass(labelled({ system: 'http://example.org/other', code: 'V' }))).toBe('none');
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
