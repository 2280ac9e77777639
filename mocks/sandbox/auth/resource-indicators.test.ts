import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from './routes';
import { TestBrowser } from './test-browser';
import { EHR_SCOPE, STANDALONE_SCOPE, authorizeUrl, claimsOf, launchFor, pkcePair, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

/**
 * One sign-in per authorisation server (RFC 8707 resource indicators): one authorization
 * request naming several FHIR servers as `resource`, then one token request per server,
 * each token's `aud` that server alone, accepted there and refused at every other.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.server.close());

async function token(params: Record<string, string | string[]>): Promise<{ status: number; body: Record<string, unknown> }> {
  const t = sandbox.topology;
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const response = await fetch(`${t.authIssuer}${AUTH_ROUTES.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.appOrigin },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('one sign-in, a token per endpoint (RFC 8707)', () => {
  it('issues, from one authorization, a token per named endpoint, each accepted by that endpoint only', async () => {
    const t = sandbox.topology;
    const [a, b, c] = t.endpoints.map((e) => e.baseUrl);
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl(t, { aud: a, scope: STANDALONE_SCOPE, code_challenge: challenge });
    url.searchParams.append('resource', a!);
    url.searchParams.append('resource', b!);
    const page = await browser.get(url);
    if (page.kind !== 'page') throw new Error(`expected the sign-in page, got ${page.url.href}`);
    const stop = await browser.post(new URL(`${page.url.pathname}/login`, page.url), { accountId: 'sw-joanne-pike' });
    if (stop.kind !== 'redirect') throw new Error(stop.html);
    const first = await token({ grant_type: 'authorization_code', code: stop.url.searchParams.get('code')!, redirect_uri: t.redirectUri, client_id: t.clientId, code_verifier: verifier, resource: a! });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(claimsOf(first.body.access_token).aud).toBe(a);
    const second = await token({ grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), client_id: t.clientId, resource: b! });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(claimsOf(second.body.access_token).aud).toBe(b);
    for (const [tokenOf, base] of [[first.body.access_token, a], [second.body.access_token, b]] as const) {
      for (const at of [a, b, c]) {
        const verdict = await sandbox.server.verifier(String(tokenOf), at!);
        expect(verdict.ok, `${base} token at ${at}`).toBe(at === base);
      }
    }
    // A server not named in the authorization gets no token from it.
    const third = await token({ grant_type: 'refresh_token', refresh_token: String(second.body.refresh_token), client_id: t.clientId, resource: c! });
    expect(third.status).toBe(400);
  });

  it('refuses an EHR launch naming several servers: its patient id means something at the launching server only', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const launch = sandbox.launches.create(gp);
    const other = t.endpoints.find((e) => e.baseUrl !== gp.iss)!.baseUrl;
    const url = authorizeUrl(t, { launch, aud: gp.iss, scope: EHR_SCOPE, code_challenge: pkcePair().challenge });
    url.searchParams.append('resource', gp.iss);
    url.searchParams.append('resource', other);
    const stop = await new TestBrowser(new URL(t.authIssuer).origin).get(url);
    if (stop.kind !== 'redirect') throw new Error(`expected a redirect with an error, got ${stop.kind}`);
    expect(stop.url.searchParams.get('error')).toBe('invalid_request');
    expect(stop.url.searchParams.get('code')).toBeNull();
  });
});
