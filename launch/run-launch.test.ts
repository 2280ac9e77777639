import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../src/config/validate';
import type { AppConfiguration } from '../src/config/types';
import { smartApi } from '../src/smart/fhirclient';
import type { LaunchError } from '../src/smart/launch-error';
import { launchErrorText } from '../src/smart/launch-error-text';
import { configInput } from '../src/testing/config';
import { server } from '../src/testing/server';
import { runLaunch, type LaunchDeps } from './run-launch';

const ISS = 'http://localhost:8430/fhir';
const AUTHORIZE = 'http://localhost:8420/authorize';
const UUID = '0b6f4d5e-8c1a-4d2b-9f3e-7a6c5b4d3e2f';
const LAUNCH_URL = `${location.origin}/launch/?iss=${encodeURIComponent(ISS)}&launch=xyz`;

function serveDiscovery(body: Record<string, unknown> = {}) {
  server.use(
    http.get(`${ISS}/.well-known/smart-configuration`, () =>
      HttpResponse.json({
        authorization_endpoint: AUTHORIZE,
        token_endpoint: 'http://localhost:8420/token',
        code_challenge_methods_supported: ['S256'],
        capabilities: ['launch-ehr', 'client-public', 'permission-v2'],
        ...body,
      }),
    ),
  );
}

/** A well-formed authorisation URL, as fhirclient builds it for these options. */
function authorizeUrl(overrides: Record<string, string> = {}): string {
  const p = new URLSearchParams({
    response_type: 'code', client_id: 'my-care-record-viewer', scope: 'launch', redirect_uri: `${location.origin}/`,
    aud: ISS, state: UUID, launch: 'xyz', code_challenge: 'abc', code_challenge_method: 'S256', ...overrides,
  });
  return `${AUTHORIZE}?${p}`;
}

function deps(overrides: Partial<LaunchDeps> = {}) {
  const shown: LaunchError[] = [];
  const d = {
    href: LAUNCH_URL,
    loadConfig: async (): Promise<AppConfiguration> => configInput(),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    authorize: vi.fn<LaunchDeps['authorize']>().mockResolvedValue(authorizeUrl()),
    randomUUID: () => UUID,
    navigate: vi.fn<LaunchDeps['navigate']>(),
    showError: (e: LaunchError) => void shown.push(e),
    ...overrides,
  };
  return { d, shown, said: () => shown.map((e) => launchErrorText(e)) };
}

describe('runLaunch: the happy path', () => {
  it('authorizes with the configuration for iss: PKCE required, a UUID state, completing in the frame', async () => {
    serveDiscovery();
    const { d, shown } = deps();
    await runLaunch(d);
    expect(shown).toEqual([]);
    expect(d.authorize).toHaveBeenCalledWith({
      clientId: 'my-care-record-viewer',
      scope: configInput().launch[0]!.scope,
      redirectUri: `${location.origin}/`,
      iss: ISS,
      launch: 'xyz',
      pkceMode: 'required',
      stateKey: UUID,
      completeInTarget: true,
      noRedirect: true,
    });
    expect(d.navigate).toHaveBeenCalledWith(authorizeUrl());
  });

  it('asks a launching server without permission-v2 in SMART v1 scope syntax', async () => {
    serveDiscovery({ capabilities: ['launch-ehr', 'client-public', 'permission-v1'] });
    const { d } = deps();
    await runLaunch(d);
    const configured = configInput().launch[0]!.scope;
    expect(configured).toContain('patient/Patient.rs');
    expect(d.authorize).toHaveBeenCalledWith(expect.objectContaining({ scope: configured.replace(/\.rs\b/g, '.read') }));
  });

  it('uses crypto.randomUUID for the state by default in the entry (122 random bits)', () => {
    expect(crypto.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('with the real fhirclient authorize: goes to the authorisation endpoint with S256 and the state', async () => {
    serveDiscovery();
    window.history.replaceState(null, '', LAUNCH_URL);
    const { d, shown } = deps({ authorize: (p) => smartApi().authorize(p) });
    await runLaunch(d);
    expect(shown).toEqual([]);
    const to = new URL(vi.mocked(d.navigate).mock.calls[0]![0]);
    expect(`${to.origin}${to.pathname}`).toBe(AUTHORIZE);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code', client_id: 'my-care-record-viewer', aud: ISS, launch: 'xyz', state: UUID, code_challenge_method: 'S256',
    });
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(sessionStorage.getItem('SMART_KEY')!)).toBe(UUID);
    expect(JSON.parse(sessionStorage.getItem(UUID)!)).toMatchObject({ completeInTarget: true, serverUrl: ISS });
  });

  it('matches iss with a trailing slash', async () => {
    serveDiscovery();
    const { d, shown } = deps({ href: `${location.origin}/launch/?iss=${encodeURIComponent(`${ISS}/`)}&launch=xyz` });
    await runLaunch(d);
    expect(shown).toEqual([]);
    expect(d.authorize).toHaveBeenCalledWith(expect.objectContaining({ iss: ISS }));
  });
});

describe('runLaunch: failures become a plain page and nothing is authorized', () => {
  it('missing iss or launch: opened directly', async () => {
    for (const href of [`${location.origin}/launch/`, `${location.origin}/launch/?iss=${ISS}`, `${location.origin}/launch/?launch=x`]) {
      const { d, shown, said } = deps({ href });
      await runLaunch(d);
      expect(shown.map((e) => e.kind)).toEqual(['no-launch']);
      expect(said()[0]!.todo).toBe('Open the record again from your clinical system.');
      expect(d.authorize).not.toHaveBeenCalled();
    }
  });

  it('missing iss or launch with a configuration that cannot be read: still says the launch is missing', async () => {
    const { d, shown } = deps({ href: `${location.origin}/launch/`, loadConfig: () => Promise.reject(new ConfigError('/config.json could not be fetched (HTTP 404)')) });
    await runLaunch(d);
    expect(shown.map((e) => e.kind)).toEqual(['no-launch']);
  });

  it('an unknown iss: names it and says to ask the administrator', async () => {
    const { d, shown, said } = deps({ href: `${location.origin}/launch/?iss=http://other.example/fhir&launch=x` });
    await runLaunch(d);
    expect(shown.map((e) => e.kind)).toEqual(['unknown-iss']);
    expect(said()[0]).toMatchObject({
      happened: 'This launch came from a system the viewer is not set up for (http://other.example/fhir).',
      todo: 'Ask your system administrator to add it.',
    });
    expect(d.authorize).not.toHaveBeenCalled();
  });

  it('a bad configuration: names the field for support', async () => {
    const { d, shown, said } = deps({ loadConfig: () => Promise.reject(new ConfigError('launch[0].iss must not end with "/"')) });
    await runLaunch(d);
    expect(shown.map((e) => e.kind)).toEqual(['bad-config']);
    expect(said()[0]!.detail).toBe('launch[0].iss must not end with "/"');
  });

  it('a server that cannot be reached: unreachable', async () => {
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.error()));
    const { d, shown } = deps();
    await runLaunch(d);
    expect(shown.map((e) => e.kind)).toEqual(['unreachable']);
    expect(d.authorize).not.toHaveBeenCalled();
  });

  it('a server without PKCE S256: unsupported-server', async () => {
    serveDiscovery({ code_challenge_methods_supported: ['plain'] });
    const { d, shown } = deps();
    await runLaunch(d);
    expect(shown.map((e) => e.kind)).toEqual(['unsupported-server']);
    expect(d.authorize).not.toHaveBeenCalled();
  });

  it('an authorisation URL other than the one asked for is not followed', async () => {
    serveDiscovery();
    for (const redirect of [
      `${location.origin}/?state=${UUID}`, // fhirclient's "open server" shortcut
      authorizeUrl({ client_id: 'someone-else' }),
      authorizeUrl({ code_challenge_method: 'plain' }),
      authorizeUrl({ state: 'other' }),
      authorizeUrl().replace(AUTHORIZE, 'http://evil.example/authorize'),
    ]) {
      const { d, shown } = deps({ authorize: async () => redirect });
      await runLaunch(d);
      expect(shown.map((e) => e.kind), redirect).toEqual(['unsupported-server']);
      expect(d.navigate).not.toHaveBeenCalled();
    }
  });

  it('authorize throwing: a page, not an unhandled rejection', async () => {
    serveDiscovery();
    const { d, shown } = deps({ authorize: () => Promise.reject(new Error('boom')) });
    await runLaunch(d);
    expect(shown.map((e) => e.kind)).toEqual(['unreachable']);
  });
});
