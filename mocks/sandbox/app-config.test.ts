import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate';
import { sandboxAppConfig } from './app-config';
import { sandboxTopology } from './topology';

describe('sandboxAppConfig', () => {
  it('is what mocks/sandbox/sandbox-config.json holds', () => {
    const file = JSON.parse(readFileSync(resolve(import.meta.dirname, 'sandbox-config.json'), 'utf8'));
    expect(file).toEqual(sandboxAppConfig(sandboxTopology()));
  });

  it('names the audit repository and the objection register with the narrowest scopes, and validates', () => {
    const t = sandboxTopology(18400);
    const config = validateConfig(sandboxAppConfig(t));
    expect(config.audit).toEqual({ fhirBaseUrl: t.audit.baseUrl, auth: { type: 'smart', scope: 'openid fhirUser online_access user/AuditEvent.c', sharedSignIn: 'http://localhost:18420' }, timeoutMs: 10_000 });
    expect(config.objectionRegister?.auth.scope).toBe('openid fhirUser online_access user/Consent.rs');
    expect(config.policy).toEqual({ clinical: { reveal: 'restricted', overrideObjection: true }, 'social-care': { reveal: 'none', overrideObjection: false } });
  });

  it('names the one authorisation server as shared by every FHIR server, unless asked for a sign-in per server', () => {
    const t = sandboxTopology(18400);
    const shared = validateConfig(sandboxAppConfig(t, { locator: true }));
    const auths = [...shared.endpoints.map((e) => e.auth), shared.audit!.auth, shared.objectionRegister!.auth, shared.recordLocator!.auth];
    expect(new Set(auths.map((a) => a.sharedSignIn))).toEqual(new Set(['http://localhost:18420']));
    const own = validateConfig(sandboxAppConfig(t, { locator: true, sharedSignIn: false }));
    expect([...own.endpoints.map((e) => e.auth), own.audit!.auth].filter((a) => 'sharedSignIn' in a)).toEqual([]);
  });
});
