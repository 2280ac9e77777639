import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMART_SCOPES } from './scopes';
import { smartConfiguration } from './smart-configuration';
import { TestBrowser } from './test-browser';
import { authorizeUrl, claimsOf, exchangeCode, launchFor, pkcePair, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.server.close());

describe('discovery', () => {
  it("names the endpoints oidc-provider actually serves (its own discovery document)", async () => {
    const t = sandbox.topology;
    const oidc = (await (await fetch(`${t.authIssuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const smart = smartConfiguration(t);
    for (const key of ['issuer', 'jwks_uri', 'authorization_endpoint', 'token_endpoint']) expect(smart[key]).toBe(oidc[key]);
    expect(oidc.code_challenge_methods_supported).toEqual(['S256']);
    expect(oidc.scopes_supported).toEqual(expect.arrayContaining([...SMART_SCOPES]));
    expect(oidc.response_types_supported).toEqual(smart.response_types_supported);
  });

  it('lists 416 SMART scopes, v1 and v2, for every context', () => {
    expect(new Set(SMART_SCOPES).size).toBe(8 + 3 * 17 * 8);
    expect(SMART_SCOPES).toEqual(
      expect.arrayContaining(['launch/patient', 'patient/MedicationRequest.rs', 'user/AuditEvent.c', 'user/DocumentReference.rs', 'system/*.read', 'user/*.*']),
    );
  });
});

describe('CORS', () => {
  const tokenPreflight = (origin: string) =>
    fetch(`${sandbox.topology.authIssuer}/token`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });

  it('lets the app read the token endpoint and jwks cross-origin', async () => {
    const app = sandbox.topology.appOrigin;
    expect((await tokenPreflight(app)).headers.get('access-control-allow-origin')).toBe(app);
    const jwks = await fetch(`${sandbox.topology.authIssuer}/jwks`, { headers: { origin: app } });
    expect(jwks.headers.get('access-control-allow-origin')).toBe(app);
  });

  it('lets no other origin read them, not even a host system on localhost', async () => {
    const host = sandbox.topology.hosts[0]!.origin;
    expect((await tokenPreflight(host)).headers.get('access-control-allow-origin')).toBeNull();
    const jwks = await fetch(`${sandbox.topology.authIssuer}/jwks`, { headers: { origin: host } });
    expect(jwks.headers.get('access-control-allow-origin')).toBeNull();
    const token = await fetch(`${sandbox.topology.authIssuer}/token`, {
      method: 'POST',
      headers: { origin: host, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: sandbox.topology.clientId }),
    });
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await token.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('prompt=consent', () => {
  it('completes without a consent screen, so offline_access (which OIDC gates on it) is granted', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const { verifier, challenge } = pkcePair();
    const stop = await new TestBrowser(new URL(t.authIssuer).origin).get(
      authorizeUrl(t, {
        launch: sandbox.launches.create(gp),
        aud: gp.iss,
        scope: 'launch openid fhirUser offline_access patient/Patient.rs',
        prompt: 'consent',
        code_challenge: challenge,
      }),
    );
    if (stop.kind !== 'redirect') throw new Error(stop.html);
    const { body } = await exchangeCode(t, stop.url.searchParams.get('code')!, verifier);
    expect(String(body.scope).split(' ')).toContain('offline_access');
    expect(typeof body.refresh_token).toBe('string');
    expect(claimsOf(body.access_token)).toMatchObject({ patient: 'p123' });
  });
});
