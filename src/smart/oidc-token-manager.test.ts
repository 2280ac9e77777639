import { OidcClient } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { configInput } from '../testing/config';
import { userManagerSettings } from './oidc-token-manager';

const ENDPOINT = configInput().endpoints[1]!;
const SMART = {
  issuer: 'http://localhost:8420',
  authorization_endpoint: 'http://localhost:8420/auth',
  token_endpoint: 'http://localhost:8420/token',
  jwks_uri: 'http://localhost:8420/jwks',
  code_challenge_methods_supported: ['S256'],
  capabilities: ['launch-ehr', 'permission-v2', 'sso-openid-connect'],
};

describe('scope syntax at a regional endpoint', () => {
  it('asks a server without permission-v2 in SMART v1 syntax', () => {
    const v1 = userManagerSettings(ENDPOINT, { clientId: 'c', appOrigin: 'http://localhost:8450' }, { ...SMART, capabilities: ['launch-ehr', 'permission-v1'] });
    expect(ENDPOINT.auth.scope).toContain('.rs');
    expect(v1.scope).toBe(ENDPOINT.auth.scope.replace(/\.rs\b/g, '.read'));
  });
});

describe('userManagerSettings (SMART App Launch 2.2 at a regional endpoint)', () => {
  const settings = userManagerSettings(ENDPOINT, { clientId: 'my-care-record-viewer', appOrigin: 'http://localhost:8450' }, SMART);

  it('uses the endpoint’s own discovery, scopes and callback page; renews silently; no userinfo', () => {
    expect(settings).toMatchObject({
      authority: SMART.issuer,
      metadata: { issuer: SMART.issuer, authorization_endpoint: SMART.authorization_endpoint, token_endpoint: SMART.token_endpoint, jwks_uri: SMART.jwks_uri },
      client_id: 'my-care-record-viewer',
      response_type: 'code',
      scope: ENDPOINT.auth.scope,
      extraQueryParams: { aud: ENDPOINT.fhirBaseUrl },
      redirect_uri: 'http://localhost:8450/auth-callback/',
      silent_redirect_uri: 'http://localhost:8450/auth-callback/',
      popup_redirect_uri: 'http://localhost:8450/auth-callback/',
      loadUserInfo: false,
      automaticSilentRenew: true,
      monitorSession: false,
    });
  });

  it('builds an authorization request with aud, PKCE S256 and state, storing nothing in web storage', async () => {
    localStorage.clear();
    const request = await new OidcClient(settings).createSigninRequest({ request_type: 'si:s' });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(SMART.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'my-care-record-viewer',
      response_type: 'code',
      scope: ENDPOINT.auth.scope,
      aud: ENDPOINT.fhirBaseUrl,
      redirect_uri: 'http://localhost:8450/auth-callback/',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });
});
