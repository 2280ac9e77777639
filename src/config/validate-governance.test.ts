import { describe, expect, it } from 'vitest';
import { configInput } from '../testing/config';
import { ConfigError, validateConfig } from './validate';

const AUDIT = { fhirBaseUrl: 'http://localhost:8440/fhir', auth: { type: 'smart', scope: 'openid fhirUser user/AuditEvent.c' }, timeoutMs: 10000 };

function messageFor(extra: Record<string, unknown>): string {
  try {
    validateConfig({ ...configInput(), ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig: audit, objection register and access policy', () => {
  it('keeps the audit service, the register and the policy when given', () => {
    const policy = { clinical: { reveal: 'restricted', overrideObjection: true }, 'social-care': { reveal: 'none', overrideObjection: false } };
    const out = validateConfig({ ...configInput(), audit: AUDIT, objectionRegister: { ...AUDIT, fhirBaseUrl: 'http://localhost:8441/fhir' }, policy });
    expect(out.audit).toEqual(AUDIT);
    expect(out.objectionRegister?.fhirBaseUrl).toBe('http://localhost:8441/fhir');
    expect(out.policy).toEqual(policy);
  });

  it('leaves them out when absent (the viewer then shows no record without an audit service)', () => {
    const out = validateConfig(configInput());
    expect(out).not.toHaveProperty('audit');
    expect(out).not.toHaveProperty('policy');
  });

  it('names the bad field of the audit service and the register', () => {
    expect(messageFor({ audit: { ...AUDIT, fhirBaseUrl: 'audit.example' } })).toBe('audit.fhirBaseUrl must be an absolute https URL');
    expect(messageFor({ audit: { ...AUDIT, auth: { type: 'basic' } } })).toBe('audit.auth.type must be "smart"');
    expect(messageFor({ objectionRegister: { ...AUDIT, timeoutMs: 0 } })).toBe('objectionRegister.timeoutMs must be a whole number of milliseconds above 0');
    expect(messageFor({ audit: 'http://x' })).toBe('audit must be an object');
  });

  it('keeps the record locator when given, and names its bad field', () => {
    const locator = { ...AUDIT, fhirBaseUrl: 'http://localhost:8442/fhir', auth: { type: 'smart', scope: 'openid user/DocumentReference.rs' } };
    expect(validateConfig({ ...configInput(), recordLocator: locator }).recordLocator).toEqual(locator);
    expect(validateConfig(configInput())).not.toHaveProperty('recordLocator');
    expect(messageFor({ recordLocator: { ...locator, fhirBaseUrl: 'locator.example' } })).toBe('recordLocator.fhirBaseUrl must be an absolute https URL');
    expect(messageFor({ recordLocator: { ...locator, timeoutMs: -1 } })).toBe('recordLocator.timeoutMs must be a whole number of milliseconds above 0');
    expect(messageFor({ recordLocator: 'http://x' })).toBe('recordLocator must be an object');
  });

  it('names the bad field of the policy, and refuses what the product never allows', () => {
    expect(messageFor({ policy: { clinical: { reveal: 'everything' } } })).toBe('policy.clinical.reveal must be "none" or "restricted"');
    expect(messageFor({ policy: { clinical: { reveal: 'very-restricted' } } })).toBe(
      'policy.clinical.reveal cannot be "very-restricted": very restricted items are never shown',
    );
    expect(messageFor({ policy: { 'social-care': { reveal: 'restricted' } } })).toBe(
      'policy.social-care.reveal must be "none": social-care roles never see sensitive items',
    );
    expect(messageFor({ policy: { clinical: { overrideObjection: 'yes' } } })).toBe('policy.clinical.overrideObjection must be true or false');
    expect(messageFor({ policy: { dentist: {} } })).toBe('policy.dentist is not a role category (clinical, social-care)');
    expect(messageFor({ policy: { unknown: {} } })).toMatch(/^policy\.unknown cannot be configured/);
    expect(messageFor({ policy: { clinical: { reveal: 'none', canOverride: true } } })).toBe('policy.clinical.canOverride is not a policy field (reveal, overrideObjection, conceal)');
    expect(messageFor({ policy: [] })).toBe('policy must be an object');
    expect(messageFor({ policy: { 'social-care': { conceal: 'mental-health' } } })).toMatch(/^policy\.social-care\.conceal must be a list of organisation kinds/);
  });

  it('refuses a concealed kind that is no organisation kind: a misspelt one would conceal nothing', () => {
    expect(messageFor({ policy: { 'social-care': { conceal: ['mental-health', 'sexual-helth'] } } })).toMatch(
      /^policy\.social-care\.conceal\[1\] \("sexual-helth"\) is not an organisation kind \(gp-practice, .*sexual-health\)$/,
    );
    expect(validateConfig({ ...configInput(), policy: { 'social-care': { conceal: ['mental-health', 'sexual-health'] } } }).policy?.['social-care']?.conceal).toEqual([
      'mental-health',
      'sexual-health',
    ]);
  });

  it('refuses a field of a service it does not know, at every level', () => {
    expect(messageFor({ audit: { ...AUDIT, timeout: 5000 } })).toBe('audit.timeout is not a configuration field of audit (the fields are fhirBaseUrl, auth, timeoutMs)');
    expect(messageFor({ objectionRegister: { ...AUDIT, auth: { ...AUDIT.auth, scopes: 'x' } } })).toBe(
      'objectionRegister.auth.scopes is not a configuration field of objectionRegister.auth (the fields are type, scope, sharedSignIn)',
    );
  });

  it('fills a role’s missing fields with the cautious value', () => {
    expect(validateConfig({ ...configInput(), policy: { clinical: {} } }).policy).toEqual({ clinical: { reveal: 'none', overrideObjection: false } });
  });
});
