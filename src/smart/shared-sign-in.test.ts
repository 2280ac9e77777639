import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { ErrorResponse } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import type { AppConfiguration } from '../config/types';
import { configInput } from '../testing/config';
import { server } from '../testing/server';
import type { SignInTarget } from './endpoint-access-oidc';
import { createSharedSignIn, defaultGrantClient, sharedSignIns, type GrantClient, type GrantTokens } from './shared-sign-in';
import { DiscoveryError } from './smart-discovery';

const ISSUER = 'https://auth.region.example';
const member = (id: string, scope = 'openid online_access user/*.rs'): SignInTarget => ({
  id,
  organisationName: `Organisation ${id}`,
  fhirBaseUrl: `https://${id}.example/fhir`,
  auth: { type: 'smart', scope, sharedSignIn: ISSUER },
});
const A = member('a');
const B = member('b');
const C = member('c', 'openid online_access user/AuditEvent.c');
const OPTS = { clientId: 'viewer', appOrigin: 'https://viewer.example' };

/**
 * An authorisation server as RFC 6749 §6 and the OAuth 2.0 Security BCP §4.14 describe it
 * for a public client: every refresh spends the refresh token and returns a new one; a
 * spent one presented again revokes the whole grant (`invalid_grant`). Tokens name their
 * resource, so a test can read each token's audience.
 */
function fakeServer(opts: { refreshTokens?: boolean; silentOffered?: boolean } = {}) {
  let current: string | undefined;
  let issued = 0;
  let inFlight = 0;
  const log = { authorizations: [] as Array<{ mode: string; forResource: string }>, refreshes: [] as Array<{ rt: string; resource: string; scope: string }>, maxInFlight: 0 };
  const grant = (resource: string, scope: string): GrantTokens => {
    issued += 1;
    const rt = opts.refreshTokens === false ? undefined : `rt-${issued}`;
    current = rt;
    return { accessToken: `token-for:${resource}`, scope, expiresAt: 4_000_000_000_000, ...(rt ? { refreshToken: rt } : {}) };
  };
  const client: GrantClient = {
    silentOffered: opts.silentOffered ?? true,
    scopeOf: (m) => m.auth.scope,
    authorize(how, forResource) {
      log.authorizations.push({ mode: how.mode, forResource });
      return Promise.resolve(grant(forResource, 'openid online_access user/*.rs user/AuditEvent.c'));
    },
    async refresh(rt, resource, scope) {
      log.refreshes.push({ rt, resource, scope });
      inFlight += 1;
      log.maxInFlight = Math.max(log.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight -= 1;
      if (rt !== current) {
        current = undefined; // reuse detected: the grant is revoked
        throw new ErrorResponse({ error: 'invalid_grant' });
      }
      return grant(resource, scope);
    },
    dispose: async () => {},
  };
  return { client, log, revoke: () => void (current = undefined) };
}

const group = (f: ReturnType<typeof fakeServer>, members = [A, B, C]) => createSharedSignIn(ISSUER, members, OPTS, async () => f.client);

describe('createSharedSignIn', () => {
  describe('tokens asked for ahead of need (signinAhead)', () => {
    const D = member('d');
    it('wait behind every token needed now: a needed one asked later is sent first', async () => {
      const f = fakeServer();
      const g = group(f, [A, B, C, D]);
      await (await g.tokenManager(A)).signinSilent(); // the authorization
      const [b, c, d] = await Promise.all([g.tokenManager(B), g.tokenManager(C), g.tokenManager(D)]);
      const ahead = [b.signinAhead!(), c.signinAhead!()];
      const needed = d.signinSilent();
      await Promise.all([...ahead, needed]);
      // B's was already under way (one request at a time); D's, needed, went before C's, ahead.
      expect(f.log.refreshes.map((r) => r.resource)).toEqual(['https://b.example/fhir', 'https://d.example/fhir', 'https://c.example/fhir']);
      expect(f.log.maxInFlight).toBe(1);
    });

    it('never sign in for it: without a refresh token (none yet, or none issued) a token ahead is refused, with no authorization (no frame)', async () => {
      const f = fakeServer({ refreshTokens: false });
      const g = group(f, [A, B]);
      expect(g.signedIn()).toBe(false);
      await (await g.tokenManager(A)).signinSilent(); // signed in, but the server issued no refresh token
      expect(g.signedIn()).toBe(false);
      await expect((await g.tokenManager(B)).signinAhead!()).rejects.toThrow();
      expect(f.log.authorizations).toHaveLength(1);
      const withRefresh = fakeServer();
      const h = group(withRefresh, [A, B]);
      await (await h.tokenManager(A)).signinSilent();
      expect(h.signedIn()).toBe(true);
    });

    it('a member that comes to need its token meanwhile shares the request, moved up the queue: one token request, not two', async () => {
      const f = fakeServer();
      const g = group(f, [A, B, C, D]);
      await (await g.tokenManager(A)).signinSilent();
      const [b, c, d] = await Promise.all([g.tokenManager(B), g.tokenManager(C), g.tokenManager(D)]);
      const ahead = [b.signinAhead!(), c.signinAhead!(), d.signinAhead!()];
      const [dNeeded] = await Promise.all([d.signinSilent(), ...ahead]);
      expect(f.log.refreshes.map((r) => r.resource)).toEqual(['https://b.example/fhir', 'https://d.example/fhir', 'https://c.example/fhir']);
      expect(dNeeded.accessToken).toBe('token-for:https://d.example/fhir');
    });
  });

  it('signs in once for the first member, then gives each other member its own token from the refresh token, with its own scopes', async () => {
    const f = fakeServer();
    const g = group(f);
    const a = await (await g.tokenManager(A)).signinSilent();
    const c = await (await g.tokenManager(C)).signinSilent();
    const b = await (await g.tokenManager(B)).signinSilent();
    expect(f.log.authorizations).toEqual([{ mode: 'silent', forResource: 'https://a.example/fhir' }]);
    expect(f.log.refreshes).toEqual([
      { rt: 'rt-1', resource: 'https://c.example/fhir', scope: 'openid online_access user/AuditEvent.c' },
      { rt: 'rt-2', resource: 'https://b.example/fhir', scope: 'openid online_access user/*.rs' },
    ]);
    expect([a.accessToken, c.accessToken, b.accessToken]).toEqual(['token-for:https://a.example/fhir', 'token-for:https://c.example/fhir', 'token-for:https://b.example/fhir']);
    // The refresh token never leaves the shared sign-in.
    expect(Object.keys(b)).not.toContain('refreshToken');
  });

  it('property: members asking at once, in any order and any number of times, share one authorization and spend the refresh token one request at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(A, B, C), { minLength: 1, maxLength: 12 }), async (asks) => {
        const f = fakeServer();
        const g = group(f);
        const managers = new Map(await Promise.all([A, B, C].map(async (m) => [m.id, await g.tokenManager(m)] as const)));
        const tokens = await Promise.all(asks.map((m) => managers.get(m.id)!.signinSilent()));
        expect(f.log.authorizations).toHaveLength(1);
        expect(f.log.maxInFlight).toBeLessThanOrEqual(1);
        tokens.forEach((t, i) => expect(t.accessToken).toBe(`token-for:${asks[i]!.fhirBaseUrl}`));
      }),
      { numRuns: 40 },
    );
  });

  it('makes one new authorization when the refresh token has been spent or has ended (invalid_grant)', async () => {
    const f = fakeServer();
    const g = group(f);
    await (await g.tokenManager(A)).signinSilent();
    f.revoke();
    const b = await (await g.tokenManager(B)).signinSilent();
    expect(b.accessToken).toBe('token-for:https://b.example/fhir');
    expect(f.log.authorizations).toEqual([
      { mode: 'silent', forResource: 'https://a.example/fhir' },
      { mode: 'silent', forResource: 'https://b.example/fhir' },
    ]);
  });

  it('passes on any other refusal (a server not named in the grant: invalid_target) without a new authorization', async () => {
    const f = fakeServer();
    f.client.refresh = () => Promise.reject(new ErrorResponse({ error: 'invalid_target' }));
    const g = group(f);
    await (await g.tokenManager(A)).signinSilent();
    await expect((await g.tokenManager(B)).signinSilent()).rejects.toMatchObject({ error: 'invalid_target' });
    expect(f.log.authorizations).toHaveLength(1);
  });

  it('without refresh tokens (a strict server) each member needs its own authorization, and none without a window where single sign-on is not offered', async () => {
    const f = fakeServer({ refreshTokens: false });
    const g = group(f);
    await (await g.tokenManager(A)).signinSilent();
    await (await g.tokenManager(B)).signinSilent();
    expect(f.log.authorizations.map((x) => x.forResource)).toEqual(['https://a.example/fhir', 'https://b.example/fhir']);
    expect(f.log.refreshes).toEqual([]);
    const closed = group(fakeServer({ silentOffered: false }));
    await expect((await closed.tokenManager(A)).signinSilent()).rejects.toMatchObject({ error: 'login_required' });
  });

  it('opens the pop-up in the click itself, and its grant then serves the other members', async () => {
    const f = fakeServer({ silentOffered: false });
    const g = group(f);
    const [ma, mb] = [await g.tokenManager(A), await g.tokenManager(B)];
    const pending = ma.signinPopup();
    // Called before anything was awaited: a browser blocks a window opened later than the click.
    expect(f.log.authorizations).toEqual([{ mode: 'popup', forResource: 'https://a.example/fhir' }]);
    expect((await pending).accessToken).toBe('token-for:https://a.example/fhir');
    expect((await mb.signinSilent()).accessToken).toBe('token-for:https://b.example/fhir');
    expect(f.log.authorizations).toHaveLength(1);
  });

  it('does not let one server whose discovery hangs hold up the others: the first discovery to answer serves the group', async () => {
    const f = fakeServer();
    const never = new Promise<GrantClient>(() => {});
    const asked: string[] = [];
    const g = createSharedSignIn(ISSUER, [A, B, C], OPTS, async (_i, _m, first) => {
      asked.push(first.id);
      return first.id === 'a' ? never : f.client;
    });
    const ma = g.tokenManager(A); // its server never answers
    const mb = await g.tokenManager(B);
    expect((await mb.signinSilent()).accessToken).toBe('token-for:https://b.example/fhir');
    expect((await (await ma).signinSilent()).accessToken).toBe('token-for:https://a.example/fhir');
    await g.tokenManager(C); // after the group has its client: no discovery of its own
    expect(asked).toEqual(['a', 'b']);
  });

  it('fails a member whose own discovery fails before any other answered, and lets it join on its next call', async () => {
    const f = fakeServer();
    let calls = 0;
    const g = createSharedSignIn(ISSUER, [A, B], OPTS, async () => {
      calls += 1;
      if (calls === 1) throw new DiscoveryError('Organisation a signs in at https://elsewhere.example, not at https://auth.region.example as configured');
      return f.client;
    });
    await expect(g.tokenManager(A)).rejects.toThrow('signs in at https://elsewhere.example');
    expect((await (await g.tokenManager(A)).signinSilent()).accessToken).toBe('token-for:https://a.example/fhir');
  });

  it('forgets the grant when the last member is disposed (session end)', async () => {
    const f = fakeServer();
    const g = group(f);
    const [ma, mb] = [await g.tokenManager(A), await g.tokenManager(B)];
    await ma.signinSilent();
    await ma.dispose();
    await mb.signinSilent(); // B still lives: the grant serves it
    expect(f.log.authorizations).toHaveLength(1);
    await mb.dispose();
    await (await g.tokenManager(C)).signinSilent();
    expect(f.log.authorizations).toHaveLength(2);
  });
});

describe('sharedSignIns', () => {
  const opts = { clientId: 'viewer', appOrigin: 'https://viewer.example' };
  /** Four endpoints (w, x, y, z), each sharing the issuer given for it, or with a sign-in of its own. */
  function configWith(shared: Record<string, string | undefined>): AppConfiguration {
    const c = configInput();
    const template = c.endpoints[0]!;
    c.endpoints = ['w', 'x', 'y', 'z'].map((id) => ({
      ...template,
      id,
      fhirBaseUrl: `https://${id}.example/fhir`,
      auth: { type: 'smart', scope: 'user/*.rs', ...(shared[id] ? { sharedSignIn: shared[id] } : {}) },
    }));
    return c;
  }

  it('groups the endpoints and services naming one issuer, leaving out the launching server (it has the launch token) and those with their own', () => {
    const config = configWith({ w: ISSUER, x: ISSUER, y: ISSUER });
    const audit: SignInTarget = { id: 'audit', organisationName: 'the audit service', fhirBaseUrl: 'https://audit.example/fhir', auth: { type: 'smart', scope: 'user/AuditEvent.c', sharedSignIn: ISSUER } };
    const groupOf = sharedSignIns(config, 'https://w.example/fhir/', opts, [audit]);
    const [w, x, , z] = config.endpoints;
    expect(groupOf(w!)).toBeUndefined();
    const g = groupOf(x!);
    expect(g?.members.map((m) => m.id)).toEqual(['x', 'y', 'audit']);
    expect(groupOf(audit)).toBe(g);
    expect(groupOf(z!)).toBeUndefined();
  });

  it('gives no shared sign-in to an issuer named by one server alone, nor to a target that only claims the issuer', () => {
    const alone = configWith({ x: ISSUER, y: 'https://other.example' });
    expect(sharedSignIns(alone, undefined, opts, [])(alone.endpoints[1]!)).toBeUndefined();
    const both = configWith({ x: ISSUER, y: ISSUER });
    const groupOf = sharedSignIns(both, undefined, opts, []);
    expect(groupOf(both.endpoints[1]!)?.members).toHaveLength(2);
    const stranger = { ...both.endpoints[3]!, auth: { ...both.endpoints[3]!.auth, sharedSignIn: ISSUER } };
    expect(groupOf(stranger)).toBeUndefined();
  });
});

describe('defaultGrantClient', () => {
  it('refuses to sign in where the first server names another authorisation server than the configuration', async () => {
    server.use(
      http.get('https://a.example/fhir/.well-known/smart-configuration', () =>
        HttpResponse.json({
          issuer: 'https://elsewhere.example',
          authorization_endpoint: 'https://elsewhere.example/auth',
          token_endpoint: 'https://elsewhere.example/token',
          code_challenge_methods_supported: ['S256'],
          capabilities: ['sso-openid-connect'],
        }),
      ),
    );
    await expect(defaultGrantClient(ISSUER, [A, B], A, OPTS)).rejects.toThrow(DiscoveryError);
    await expect(defaultGrantClient(ISSUER, [A, B], A, OPTS)).rejects.toThrow('Organisation a signs in at https://elsewhere.example, not at https://auth.region.example as configured');
  });

  it('asks for each further token with the member’s own resource and scopes (v1 where the server does not speak v2)', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get('https://a.example/fhir/.well-known/smart-configuration', () =>
        HttpResponse.json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, code_challenge_methods_supported: ['S256'], capabilities: [] }),
      ),
      http.post(`${ISSUER}/token`, async ({ request }) => {
        seen.push(new URLSearchParams(await request.text()));
        return HttpResponse.json({ access_token: 'at-c', token_type: 'Bearer', expires_in: 300, refresh_token: 'rt-2' });
      }),
    );
    const client = await defaultGrantClient(ISSUER, [A, B, C], A, OPTS);
    const t = await client.refresh('rt-1', C.fhirBaseUrl, client.scopeOf(C));
    expect(Object.fromEntries(seen[0]!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'viewer',
      resource: 'https://c.example/fhir',
      scope: 'openid online_access user/AuditEvent.write',
    });
    expect(t).toMatchObject({ accessToken: 'at-c', scope: 'openid online_access user/AuditEvent.write', refreshToken: 'rt-2' });
  });
});
