import { http, HttpResponse } from 'msw';
import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { describe, expect, it, vi } from 'vitest';
import type { EndpointConfiguration } from '../config/types';
import { server } from '../testing/server';
import { configInput } from '../testing/config';
import type { EndpointAuthState } from './endpoint-access';
import { createOidcEndpointAccess } from './endpoint-access-oidc';
import { endpointTransport } from './endpoint-transport';
import type { TokenManager, TokenSet } from './oidc-token-manager';

const ENDPOINT: EndpointConfiguration = configInput().endpoints[1]!; // Fenland MH, http://localhost:8431/fhir
const BASE = ENDPOINT.fhirBaseUrl;

/** A TokenManager double: each sign-in answers from the queue; events can be fired. */
function fakeManager(answers: Array<TokenSet | Error> = []) {
  const listeners = { renewed: [] as Array<(t: TokenSet) => void>, failed: [] as Array<(e: Error) => void>, expired: [] as Array<() => void> };
  const next = async () => {
    const a = answers.shift() ?? new ErrorResponse({ error: 'login_required' });
    if (a instanceof Error) throw a;
    return a;
  };
  const manager = {
    signinSilent: vi.fn(next),
    signinPopup: vi.fn((_signal?: AbortSignal) => next()),
    onRenewed: (l: (t: TokenSet) => void) => void listeners.renewed.push(l),
    onRenewFailed: (l: (e: Error) => void) => void listeners.failed.push(l),
    onExpired: (l: () => void) => void listeners.expired.push(l),
    dispose: vi.fn(async () => {}),
  } satisfies TokenManager;
  return { manager, listeners };
}

function access(manager: TokenManager) {
  const a = createOidcEndpointAccess(ENDPOINT, { clientId: 'c', appOrigin: 'http://app.test', createTokenManager: async () => manager });
  const seen: EndpointAuthState['state'][] = [];
  a.subscribe((s) => seen.push(s.state));
  return { a, seen };
}

describe('createOidcEndpointAccess', () => {
  describe('prepare: a token ahead of need', () => {
    it('where a shared sign-in allows it, fetches the token with signinAhead, and authorise then asks for nothing more', async () => {
      const { manager } = fakeManager();
      const ahead = vi.fn(async (): Promise<TokenSet> => ({ accessToken: 'community-1', scope: 'user/*.rs' }));
      const a = createOidcEndpointAccess(ENDPOINT, { clientId: 'c', appOrigin: 'http://app.test', createTokenManager: async () => ({ ...manager, signinAhead: ahead }), canSignInAhead: () => true });
      a.prepare?.();
      await vi.waitFor(() => expect(a.current().state).toBe('authorised'));
      expect(await a.authorise()).toEqual({ state: 'authorised' });
      expect(ahead).toHaveBeenCalledTimes(1);
      expect(manager.signinSilent).not.toHaveBeenCalled();
      expect(await a.getHeaders(`${BASE}/Patient`)).toEqual({ Authorization: 'Bearer community-1' });
    });

    it('builds its sign-in once when prepare and authorise overlap (one token manager, one token request)', async () => {
      const { manager } = fakeManager([{ accessToken: 'community-1' }]);
      let release!: () => void;
      const slow = new Promise<void>((r) => (release = r));
      const ahead = vi.fn(async (): Promise<TokenSet> => ({ accessToken: 'community-1' }));
      const create = vi.fn(async () => {
        await slow; // discovery still on the way
        return { ...manager, signinAhead: ahead };
      });
      const a = createOidcEndpointAccess(ENDPOINT, { clientId: 'c', appOrigin: 'http://app.test', createTokenManager: create, canSignInAhead: () => true });
      a.prepare?.();
      const authorised = a.authorise();
      release();
      expect(await authorised).toEqual({ state: 'authorised' });
      expect(create).toHaveBeenCalledTimes(1);
    });

    it('does nothing, not even build its sign-in (discovery at the endpoint), where a token would cost a sign-in of its own', async () => {
      const create = vi.fn(async () => fakeManager().manager);
      const a = createOidcEndpointAccess(ENDPOINT, { clientId: 'c', appOrigin: 'http://app.test', createTokenManager: create });
      a.prepare?.();
      await new Promise((r) => setTimeout(r, 10));
      expect(create).not.toHaveBeenCalled();
      expect(a.current()).toEqual({ state: 'idle' });
    });
  });

  it('tells the scopes the sign-in granted, never the token, and forgets them on dispose', async () => {
    const { manager } = fakeManager([{ accessToken: 'mh-1', scope: 'openid user/Encounter.rs' }]);
    const { a } = access(manager);
    expect(a.grantedScope?.()).toBeUndefined();
    await a.authorise();
    expect(a.grantedScope?.()).toBe('openid user/Encounter.rs');
    a.dispose();
    expect(a.grantedScope?.()).toBeUndefined();
  });

  it('signs in silently once, then adds the token only for its own origin', async () => {
    const { manager } = fakeManager([{ accessToken: 'mh-1', expiresAt: 1_900_000_000_000 }]);
    const { a, seen } = access(manager);
    expect(a.current()).toEqual({ state: 'idle' });
    const [first, second] = await Promise.all([a.authorise(), a.authorise()]);
    expect(first).toEqual({ state: 'authorised', expiresAt: 1_900_000_000_000 });
    expect(second).toBe(first);
    expect(manager.signinSilent).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['authorising', 'authorised']);
    expect(a.origin).toBe('http://localhost:8431');

    await expect(a.getHeaders(`${BASE}/Patient?identifier=x`)).resolves.toEqual({ Authorization: 'Bearer mh-1' });
    for (const url of ['http://localhost:8430/fhir/Patient', 'https://localhost:8431/fhir/Patient', 'http://evil.test/fhir', 'not a url']) {
      const e = await a.getHeaders(url).catch((err: unknown) => err as Error);
      expect(e).toMatchObject({ name: 'TokenOriginError' });
      expect(String((e as Error).message)).not.toContain('mh-1');
    }
    await a.authorise();
    expect(manager.signinSilent).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['login_required', new ErrorResponse({ error: 'login_required' }), /^Sign in to Fenland Mental Health NHS Foundation Trust/],
    ['interaction_required', new ErrorResponse({ error: 'interaction_required' }), /^Sign in to Fenland/],
    ['an iframe time-out', new ErrorTimeout('IFrame timed out without a response'), /did not complete the sign-in without a window in time/],
  ])('asks for a visible sign-in after %s, and has no token meanwhile', async (_, error, reason) => {
    const { manager } = fakeManager([error]);
    const { a } = access(manager);
    const s = await a.authorise();
    expect(s).toMatchObject({ state: 'sign-in-needed', reason: expect.stringMatching(reason) });
    await expect(a.getHeaders(`${BASE}/Patient`)).rejects.toThrow(/Not signed in/);
  });

  it('fails plainly when the endpoint’s sign-in details cannot be read, and tries again next time', async () => {
    const { manager } = fakeManager([{ accessToken: 't' }]);
    const create = vi.fn().mockRejectedValueOnce(new Error('discovery')).mockResolvedValue(manager);
    const a = createOidcEndpointAccess(ENDPOINT, { clientId: 'c', appOrigin: 'http://app.test', createTokenManager: create });
    expect(await a.authorise()).toEqual({ state: 'failed', reason: 'Could not reach the sign-in service for Fenland Mental Health NHS Foundation Trust.' });
    expect(await a.authorise()).toMatchObject({ state: 'authorised' });
  });

  it('opens the pop-up within the click (no await first) and is authorised when it returns', async () => {
    const { manager } = fakeManager([new ErrorResponse({ error: 'login_required' }), { accessToken: 'popup-token' }]);
    const { a } = access(manager);
    await a.authorise();
    const pending = a.signInInteractively();
    expect(manager.signinPopup).toHaveBeenCalledTimes(1); // synchronously, keeping the user activation
    expect(a.current()).toMatchObject({ state: 'sign-in-needed', reason: expect.stringMatching(/window that opened/) });
    expect(await pending).toMatchObject({ state: 'authorised' });
    await expect(a.getHeaders(`${BASE}/Flag`)).resolves.toEqual({ Authorization: 'Bearer popup-token' });
  });

  it('a second click abandons the first window; a closed or blocked window says so', async () => {
    const { manager } = fakeManager([new ErrorResponse({ error: 'login_required' })]);
    let firstSignal: AbortSignal | undefined;
    manager.signinPopup
      .mockImplementationOnce((signal) => {
        firstSignal = signal;
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('Popup aborted'))));
      })
      .mockRejectedValueOnce(new Error('Attempted to navigate on a disposed window'));
    const { a } = access(manager);
    await a.authorise();
    const first = a.signInInteractively();
    const second = a.signInInteractively();
    expect(firstSignal?.aborted).toBe(true);
    expect(await second).toMatchObject({ state: 'sign-in-needed', reason: expect.stringMatching(/blocked the sign-in window/) });
    await first;
    expect(a.current()).toMatchObject({ reason: expect.stringMatching(/blocked/) });
  });

  it('follows automatic renewal, its failure and the token’s expiry', async () => {
    const { manager, listeners } = fakeManager([{ accessToken: 'old' }]);
    const { a } = access(manager);
    await a.authorise();
    listeners.renewed.forEach((l) => l({ accessToken: 'renewed', expiresAt: 5 }));
    await expect(a.getHeaders(`${BASE}/Flag`)).resolves.toEqual({ Authorization: 'Bearer renewed' });
    listeners.failed.forEach((l) => l(new ErrorResponse({ error: 'login_required' })));
    expect(a.current().state).toBe('sign-in-needed');
    listeners.expired.forEach((l) => l());
    await expect(a.getHeaders(`${BASE}/Flag`)).rejects.toThrow();
  });

  it('dispose forgets the token, stops renewal and ignores a sign-in still under way', async () => {
    const { manager } = fakeManager([{ accessToken: 't1' }]);
    const { a } = access(manager);
    await a.authorise();
    a.dispose();
    expect(manager.dispose).toHaveBeenCalled();
    expect(a.current()).toEqual({ state: 'idle' });
    await expect(a.getHeaders(`${BASE}/Flag`)).rejects.toThrow();

    const late = fakeManager();
    let answer: (t: TokenSet) => void = () => {};
    late.manager.signinSilent.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const { a: b } = access(late.manager);
    const pending = b.authorise();
    await vi.waitFor(() => expect(late.manager.signinSilent).toHaveBeenCalled());
    b.dispose();
    answer({ accessToken: 'late' });
    await pending;
    expect(b.current()).toEqual({ state: 'idle' });
    await expect(b.getHeaders(`${BASE}/Flag`)).rejects.toThrow();
  });
});

describe('a 401 through endpointTransport: one re-authorisation of this endpoint', () => {
  it('signs in silently once more and retries with the new token', async () => {
    const { manager } = fakeManager([{ accessToken: 'stale' }, { accessToken: 'fresh' }]);
    const { a } = access(manager);
    await a.authorise();
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/Flag`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' })
          : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'token expired' }] }, { status: 401 });
      }),
    );
    await expect(endpointTransport(ENDPOINT, a).searchAll('Flag?patient=p1')).resolves.toMatchObject({ pages: 1 });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(manager.signinSilent).toHaveBeenCalledTimes(2);
  });

  it('a failed re-authorisation ends in "unauthorized" and a visible sign-in, without a retry', async () => {
    const { manager } = fakeManager([{ accessToken: 'stale' }, new ErrorResponse({ error: 'login_required' })]);
    const { a } = access(manager);
    await a.authorise();
    let requests = 0;
    server.use(
      http.get(`${BASE}/Flag`, () => {
        requests += 1;
        return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'token expired' }] }, { status: 401 });
      }),
    );
    await expect(endpointTransport(ENDPOINT, a).searchAll('Flag?patient=p1')).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(requests).toBe(1);
    expect(a.current().state).toBe('sign-in-needed');
  });
});
