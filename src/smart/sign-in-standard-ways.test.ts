import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { describe, expect, it, vi } from 'vitest';
import { configInput } from '../testing/config';
import { testSession } from '../testing/session';
import { ISS } from '../testing/smart-state';
import { createOidcEndpointAccess } from './endpoint-access-oidc';
import { AUDIT_SERVICE_ID } from './governance-accesses';
import type { TokenManager } from './oidc-token-manager';
import { signInFailureReason } from './sign-in-failure';

/**
 * Sign-in the standard ways: the launch token where the service is the launching server,
 * no silent attempt where the server offers no single sign-on, and failure messages that
 * say what happened rather than guessing at cookies.
 */
const ENDPOINT = configInput().endpoints[1]!;

function manager(silentOffered: boolean): TokenManager {
  return {
    silentOffered,
    signinSilent: vi.fn(async () => ({ accessToken: 'silent' })),
    signinPopup: vi.fn(async () => ({ accessToken: 'popup' })),
    onRenewed: () => undefined,
    onRenewFailed: () => undefined,
    onExpired: () => undefined,
    dispose: async () => undefined,
  };
}

describe('sign-in at a server that offers no single sign-on', () => {
  it('asks for an interactive sign-in at once, without a silent attempt', async () => {
    const m = manager(false);
    const a = createOidcEndpointAccess(ENDPOINT, { clientId: 'c', appOrigin: 'http://app.test', createTokenManager: async () => m });
    expect(await a.authorise()).toEqual({
      state: 'sign-in-needed',
      reason: `${ENDPOINT.organisationName} does not offer sign-in without a window. Sign in to see its records.`,
    });
    expect(m.signinSilent).not.toHaveBeenCalled();
    expect(await a.signInInteractively()).toMatchObject({ state: 'authorised' });
    await expect(a.getHeaders(`${ENDPOINT.fhirBaseUrl}/Patient`)).resolves.toEqual({ Authorization: 'Bearer popup' });
  });
});

describe('the audit service at the launching server', () => {
  it('reuses the launch token: no second sign-in', async () => {
    const session = testSession();
    const config = configInput();
    config.audit = { fhirBaseUrl: ISS, auth: { type: 'smart', scope: 'user/AuditEvent.c' }, timeoutMs: 5_000 };
    const audit = session.governanceAccesses!(config).audit!;
    expect(audit.endpointId).toBe(AUDIT_SERVICE_ID);
    expect(await audit.authorise()).toMatchObject({ state: 'authorised' });
    await expect(audit.getHeaders(`${ISS}/AuditEvent`)).resolves.toEqual({ Authorization: 'Bearer test-access-token' });
  });

  it('elsewhere, signs in on its own', () => {
    const config = configInput();
    config.audit = { fhirBaseUrl: 'http://localhost:8440/fhir', auth: { type: 'smart', scope: 'user/AuditEvent.c' }, timeoutMs: 5_000 };
    expect(testSession().governanceAccesses!(config).audit!.current()).toEqual({ state: 'idle' });
  });
});

describe('sign-in failure messages', () => {
  it('names what happened and never blames cookies', () => {
    const timeout = signInFailureReason(new ErrorTimeout('IFrame timed out without a response'), 'Fenland');
    expect(timeout).toBe('Fenland did not complete the sign-in without a window in time. Sign in to see its records.');
    expect(signInFailureReason(new ErrorResponse({ error: 'invalid_request' }), 'Fenland')).toBe('Fenland refused the sign-in. Try signing in again.');
    expect(signInFailureReason(new ErrorResponse({ error: 'access_denied' }), 'Fenland')).toBe('Sign-in to Fenland was cancelled or refused.');
    for (const text of [timeout]) expect(text).not.toMatch(/cookie/i);
  });
});
