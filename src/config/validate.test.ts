import { describe, expect, it } from 'vitest';
import { configInput } from '../testing/config';
import { ConfigError, validateConfig } from './validate';

/** Applies a change to a fresh valid configuration and returns the error message. */
function messageFor(change: (c: Record<string, any>) => void): string {
  const c = configInput() as unknown as Record<string, any>;
  change(c);
  try {
    validateConfig(c);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('accepts a valid configuration as it is', () => {
    expect(validateConfig(configInput())).toEqual(configInput());
  });

  it('refuses a field it does not know, naming it, at every level: a misspelt field would switch off what it configures', () => {
    expect(messageFor((c) => (c.objectionRegistry = { fhirBaseUrl: 'https://register.example/fhir' }))).toBe(
      'objectionRegistry is not a configuration field (the fields are clientId, launch, endpoints, audit, objectionRegister, recordLocator, policy)',
    );
    expect(messageFor((c) => (c.polcy = {}))).toMatch(/^polcy is not a configuration field /);
    expect(messageFor((c) => (c.launch[0].scopes = 'launch'))).toBe(
      'launch[0].scopes is not a configuration field of launch[0] (the fields are id, iss, name, scope, showRecords)',
    );
    expect(messageFor((c) => (c.endpoints[1].ods = 'R9M01'))).toBe(
      'endpoints[1].ods is not a configuration field of endpoints[1] (the fields are id, organisationName, odsCode, region, kind, fhirBaseUrl, auth, timeoutMs)',
    );
    expect(messageFor((c) => (c.endpoints[0].auth.shared_sign_in = 'https://auth.example'))).toBe(
      'endpoints[0].auth.shared_sign_in is not a configuration field of endpoints[0].auth (the fields are type, scope, sharedSignIn)',
    );
  });

  it('requires https, except for a server on this machine (loopback)', () => {
    expect(messageFor((c) => (c.endpoints[1].fhirBaseUrl = 'http://fhir.fenland.example/fhir'))).toBe(
      'endpoints[1].fhirBaseUrl must use https: tokens and records would cross the network unencrypted (plain http only for this machine: localhost, 127.0.0.1, [::1])',
    );
    expect(messageFor((c) => (c.launch[0].iss = 'http://10.0.0.5/fhir'))).toMatch(/^launch\[0\]\.iss must use https: /);
    expect(messageFor((c) => (c.endpoints[0].auth.sharedSignIn = 'http://auth.region.example'))).toMatch(/^endpoints\[0\]\.auth\.sharedSignIn must use https: /);
    const loopback = configInput();
    loopback.endpoints[1]!.fhirBaseUrl = 'http://127.0.0.1:8431/fhir';
    expect(validateConfig(loopback).endpoints[1]!.fhirBaseUrl).toBe('http://127.0.0.1:8431/fhir');
    loopback.endpoints[1]!.fhirBaseUrl = 'http://[::1]:8431/fhir';
    expect(validateConfig(loopback).endpoints[1]!.fhirBaseUrl).toBe('http://[::1]:8431/fhir');
    loopback.endpoints[1]!.fhirBaseUrl = 'http://fenland.localhost:8431/fhir';
    expect(validateConfig(loopback).endpoints[1]!.fhirBaseUrl).toBe('http://fenland.localhost:8431/fhir');
    // Names that only look local are not: the host is whatever DNS says.
    loopback.endpoints[1]!.fhirBaseUrl = 'http://localhost.example.org/fhir';
    expect(() => validateConfig(loopback)).toThrow(/must use https/);
  });

  it('refuses the same server configured twice, but not two endpoints of one organisation', () => {
    expect(messageFor((c) => (c.endpoints[1].fhirBaseUrl = c.endpoints[0].fhirBaseUrl))).toBe(
      'endpoints[1].fhirBaseUrl duplicates endpoints[0].fhirBaseUrl ("http://localhost:8430/fhir")',
    );
    const sameOrganisation = configInput();
    sameOrganisation.endpoints[1]!.odsCode = sameOrganisation.endpoints[0]!.odsCode;
    expect(validateConfig(sameOrganisation).endpoints.map((e) => e.odsCode)).toEqual(['D99001', 'D99001']);
  });

  it('takes a sexual health service as a kind of its own (the default policy conceals it from social care)', () => {
    const input = configInput();
    input.endpoints[1]!.kind = 'sexual-health';
    expect(validateConfig(input).endpoints[1]!.kind).toBe('sexual-health');
  });

  it('names the bad field', () => {
    expect(messageFor((c) => (c.endpoints[1].fhirBaseUrl = 'localhost:8431/fhir'))).toBe(
      'endpoints[1].fhirBaseUrl must be an absolute https URL',
    );
    expect(messageFor((c) => (c.endpoints[0].fhirBaseUrl = 'ftp://x/fhir'))).toBe(
      'endpoints[0].fhirBaseUrl must be an absolute https URL',
    );
    expect(messageFor((c) => (c.launch[1].iss = 'http://localhost:8433/fhir/'))).toBe('launch[1].iss must not end with "/"');
    expect(messageFor((c) => (c.launch[0].iss = 'http://u:p@localhost/fhir'))).toBe(
      'launch[0].iss must not carry credentials, a query or a fragment',
    );
    expect(messageFor((c) => delete c.clientId)).toBe('clientId must be a non-empty string');
    expect(messageFor((c) => (c.launch[0].scope = ' '))).toBe('launch[0].scope must be a non-empty string');
    expect(messageFor((c) => (c.endpoints[0].kind = 'dentist'))).toMatch(/^endpoints\[0\]\.kind must be one of gp-practice, /);
    expect(messageFor((c) => (c.endpoints[1].auth = { type: 'basic', scope: 'x' }))).toBe('endpoints[1].auth.type must be "smart"');
    expect(messageFor((c) => delete c.endpoints[1].auth)).toBe('endpoints[1].auth must be an object');
    expect(messageFor((c) => (c.endpoints[1].auth.sharedSignIn = 'auth.example'))).toBe(
      'endpoints[1].auth.sharedSignIn must be the absolute https URL of an authorisation server (its issuer)',
    );
    expect(messageFor((c) => (c.endpoints[0].auth.sharedSignIn = 'https://auth.example/?tenant=1'))).toBe(
      'endpoints[0].auth.sharedSignIn must not carry credentials, a query or a fragment',
    );
    expect(messageFor((c) => (c.endpoints[0].timeoutMs = '15000'))).toBe(
      'endpoints[0].timeoutMs must be a whole number of milliseconds above 0',
    );
    expect(messageFor((c) => (c.endpoints = {}))).toBe('endpoints must be an array');
    expect(messageFor((c) => (c.launch = []))).toBe('launch must list at least 1 entry');
    expect(messageFor((c) => (c.launch[1] = 'gp'))).toBe('launch[1] must be an object');
  });

  it('keeps a shared sign-in issuer as written (RFC 8414: compared character for character)', () => {
    const input = configInput();
    input.endpoints[1]!.auth = { ...input.endpoints[1]!.auth, sharedSignIn: 'https://auth.region.example/' };
    expect(validateConfig(input).endpoints[1]!.auth.sharedSignIn).toBe('https://auth.region.example/');
    expect(validateConfig(configInput()).endpoints[1]!.auth).not.toHaveProperty('sharedSignIn');
  });

  it('rejects duplicate ids and duplicate iss', () => {
    expect(messageFor((c) => (c.launch[1].id = 'gp'))).toBe('launch[1].id duplicates launch[0].id ("gp")');
    expect(messageFor((c) => (c.launch[1].iss = c.launch[0].iss))).toMatch(/^launch\[1\]\.iss duplicates launch\[0\]\.iss/);
    expect(messageFor((c) => (c.endpoints[1].id = 'riverside-gp'))).toMatch(/^endpoints\[1\]\.id duplicates/);
  });

  it('rejects a document that is not an object', () => {
    expect(() => validateConfig(null)).toThrow('configuration must be an object');
    expect(() => validateConfig([])).toThrow(ConfigError);
  });
});

describe('validateConfig: the launching server is an endpoint unless the file says otherwise', () => {
  it('names what is missing when a launch iss is no endpoint’s base', () => {
    expect(messageFor((c) => delete c.launch[1].showRecords)).toBe(
      'launch[1].iss (http://localhost:8433/fhir) is not the fhirBaseUrl of any endpoints[] entry: add the launching organisation to endpoints (its records are then read with the launch\'s own sign-in), or set launch[1].showRecords to false',
    );
  });

  it('accepts it when an endpoint has that base (a trailing slash on iss aside) or showRecords is false', () => {
    const c = configInput();
    expect(validateConfig(c).launch[1]).toMatchObject({ id: 'hospital', showRecords: false });
    expect(validateConfig(c).launch[0]).not.toHaveProperty('showRecords');
    expect(messageFor((x) => (x.launch[1].showRecords = true))).toBe('launch[1].showRecords must be false, or left out');
  });
});
