import { describe, expect, it } from 'vitest';
import { scopeFor, scopeSyntax } from './scope-syntax';

describe('SMART scope syntax per server', () => {
  it('v2 only where the server lists permission-v2', () => {
    expect(scopeSyntax(['launch-ehr', 'permission-v2', 'permission-v1'])).toBe('v2');
    expect(scopeSyntax(['launch-ehr', 'permission-v1'])).toBe('v1');
    expect(scopeSyntax(undefined)).toBe('v1');
  });

  it('asks a v1 server for .read, .write and .* as SMART 1.0 spells them', () => {
    expect(scopeFor('openid fhirUser online_access user/*.rs', 'v1')).toBe('openid fhirUser online_access user/*.read');
    expect(scopeFor('openid fhirUser user/AuditEvent.c', 'v1')).toBe('openid fhirUser user/AuditEvent.write');
    expect(scopeFor('launch patient/Patient.rs user/Practitioner.rs', 'v1')).toBe('launch patient/Patient.read user/Practitioner.read');
    expect(scopeFor('user/Consent.cruds', 'v1')).toBe('user/Consent.*');
  });

  it('leaves a v2 server’s scopes exactly as configured', () => {
    expect(scopeFor('openid fhirUser user/*.rs user/AuditEvent.c', 'v2')).toBe('openid fhirUser user/*.rs user/AuditEvent.c');
  });
});
