/**
 * Access to a regional endpoint other than the launching one. SMART App Launch 2.2: one
 * EHR launch authorises only the launching server, so each other endpoint gets its own
 * token (authorization code + PKCE, `aud` = its FHIR base) — silently through the
 * authorisation server's single sign-on session where it can, else from a pop-up the
 * user opens with a click.
 */
import type { EndpointConfiguration } from '../config/types';

/** What signing in to a FHIR server needs: the audit and register services are not organisations. */
export type SignInTarget = Pick<EndpointConfiguration, 'id' | 'organisationName' | 'fhirBaseUrl' | 'auth'>;
import type { EndpointAccess, EndpointAuthState } from './endpoint-access';
import { assertTokenOrigin, bearer, createAuthStateStore } from './auth-state';
import { discoverSmartConfiguration } from './smart-discovery';
import { createOidcTokenManager, type OidcClientOptions, type TokenManager, type TokenSet } from './oidc-token-manager';
import { signInFailureReason } from './sign-in-failure';

export interface OidcAccessOptions extends OidcClientOptions {
  /** Seam for tests; default: SMART discovery at the endpoint, then oidc-client-ts. */
  createTokenManager?: (endpoint: SignInTarget, opts: OidcClientOptions) => Promise<TokenManager>;
  /**
   * Whether this endpoint's token can be had ahead of need (prepare) without a sign-in
   * frame or a request to the endpoint itself (discovery): a member of a shared sign-in.
   * Default: never.
   */
  canSignInAhead?: (endpoint: SignInTarget) => boolean;
}

/** Longest a pop-up sign-in is waited for (a smartcard or two-factor sign-in takes minutes). */
export const POPUP_LIMIT_MS = 5 * 60_000;

export async function defaultTokenManager(endpoint: SignInTarget, opts: OidcClientOptions): Promise<TokenManager> {
  return createOidcTokenManager(endpoint, opts, await discoverSmartConfiguration(endpoint.fhirBaseUrl));
}

export function createOidcEndpointAccess(endpoint: SignInTarget, opts: OidcAccessOptions): EndpointAccess {
  const origin = new URL(endpoint.fhirBaseUrl).origin;
  const org = endpoint.organisationName;
  const store = createAuthStateStore();
  const create = opts.createTokenManager ?? defaultTokenManager;
  let manager: TokenManager | undefined;
  let token: TokenSet | undefined;
  let silent: Promise<EndpointAuthState> | undefined;
  let popup: AbortController | undefined;
  let disposed = false;

  // After dispose() nothing that was under way may bring a token or a state back.
  const signedIn = (t: TokenSet): EndpointAuthState => {
    if (disposed) return store.current();
    token = t;
    return store.set({ state: 'authorised', ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}) });
  };
  const needed = (reason: string): EndpointAuthState => (disposed ? store.current() : store.set({ state: 'sign-in-needed', reason }));

  /** The manager, built once (callers meanwhile share the build); a failed discovery is retried on the next call. */
  let building: Promise<TokenManager> | undefined;
  function ready(): Promise<TokenManager> {
    if (manager) return Promise.resolve(manager);
    building ??= build().finally(() => {
      building = undefined;
    });
    return building;
  }
  async function build(): Promise<TokenManager> {
    const m = await create(endpoint, { clientId: opts.clientId, appOrigin: opts.appOrigin, ...(opts.idTokenHint ? { idTokenHint: opts.idTokenHint } : {}) });
    if (disposed) {
      void m.dispose();
      throw new Error('disposed');
    }
    m.onRenewed((t) => void signedIn(t));
    m.onRenewFailed((e) => void needed(signInFailureReason(e, org)));
    m.onExpired(() => {
      token = undefined;
      needed(`The sign-in to ${org} has ended. Sign in again to see its records.`);
    });
    return (manager = m);
  }

  /** One silent sign-in at a time; callers arriving meanwhile share it. */
  function signInSilently(): Promise<EndpointAuthState> {
    silent ??= (async () => {
      store.set({ state: 'authorising' });
      let m: TokenManager;
      try {
        m = await ready();
      } catch {
        if (disposed) return store.current();
        return store.set({ state: 'failed', reason: `Could not reach the sign-in service for ${org}.` });
      }
      // Nothing to wait for where the server offers no single sign-on: ask at once.
      if (m.silentOffered === false) return needed(`${org} does not offer sign-in without a window. Sign in to see its records.`);
      try {
        return signedIn(await m.signinSilent());
      } catch (e) {
        return needed(signInFailureReason(e, org));
      }
    })().finally(() => {
      silent = undefined;
    });
    return silent;
  }

  const access: EndpointAccess = {
    endpointId: endpoint.id,
    origin,
    current: store.current,
    subscribe: store.subscribe,

    authorise() {
      if (token && store.current().state === 'authorised') return Promise.resolve(store.current());
      return signInSilently();
    },

    prepare() {
      if (token || silent || disposed || !opts.canSignInAhead?.(endpoint)) return;
      void ready()
        .then(async (m) => {
          if (!m.signinAhead) return; // a token here would cost a sign-in frame: not ahead of need
          const t = await m.signinAhead();
          if (!token && !silent) signedIn(t);
        })
        .catch(() => undefined);
    },

    signInInteractively() {
      // window.open must run in the click's task: no await before signinPopup when the manager exists.
      if (!manager) return signInSilently().then((s) => (s.state === 'authorised' || !manager ? s : access.signInInteractively()));
      popup?.abort(); // a second click abandons the first window
      const controller = (popup = new AbortController());
      const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(POPUP_LIMIT_MS)]);
      // The opener cannot tell "closed by the user" from "isolated by COOP on the way back", so the
      // state stays actionable while the window is open: another click opens a new window.
      const pending = manager.signinPopup(signal);
      needed(`Finish signing in to ${org} in the window that opened.`);
      return pending.then(
        (t) => signedIn(t),
        (e: unknown) => (controller.signal.aborted ? store.current() : needed(signInFailureReason(e, org, true))),
      );
    },

    grantedScope: () => (disposed ? undefined : token?.scope),

    async getHeaders(url) {
      assertTokenOrigin(url, origin);
      if (silent) await silent;
      if (!token) throw new Error(`Not signed in to ${org}`);
      return bearer(token.accessToken);
    },

    async reauthorise() {
      token = undefined;
      const s = await signInSilently();
      if (s.state !== 'authorised') throw new Error('reason' in s ? s.reason : `Not signed in to ${org}`);
    },

    dispose() {
      disposed = true;
      popup?.abort();
      token = undefined;
      void manager?.dispose();
      manager = undefined;
      store.set({ state: 'idle' });
    },
  };
  return access;
}
