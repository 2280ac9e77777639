/**
 * The seam between an endpoint access and oidc-client-ts: `TokenManager` is all the
 * access needs (tests fake it), `createOidcTokenManager` is the real one over a
 * UserManager configured for SMART App Launch 2.2 at one regional endpoint.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User, type UserManagerSettings } from 'oidc-client-ts';
import type { EndpointConfiguration } from '../config/types';
import { authCallbackUrl } from './callback-path';
import type { SmartConfiguration } from './smart-discovery';
import { scopeFor, scopeSyntax } from './scope-syntax';
import { issuerClaim } from './id-token';

export interface TokenSet {
  accessToken: string;
  /** The granted scopes (oidc-client-ts fills in the requested ones when the server does not say). */
  scope?: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
}

export interface TokenManager {
  /** prompt=none in a hidden iframe through the single sign-on session, or the refresh token. */
  signinSilent(): Promise<TokenSet>;
  /**
   * A token fetched ahead of need, where that costs one token request and no sign-in frame
   * (a shared sign-in's refresh token): it waits behind every token asked for by
   * `signinSilent`, and a `signinSilent` for the same member meanwhile shares it. Absent
   * where a token would cost a frame.
   */
  signinAhead?(): Promise<TokenSet>;
  /**
   * A pop-up window; call straight from a click so that it is not blocked. `signal`
   * abandons it (the window cannot be watched for closing: see endpoint-access-oidc.ts).
   */
  signinPopup(signal?: AbortSignal): Promise<TokenSet>;
  /** Tokens renewed without being asked (automatic silent renew before expiry). */
  onRenewed(listener: (t: TokenSet) => void): void;
  onRenewFailed(listener: (e: Error) => void): void;
  onExpired(listener: () => void): void;
  /** Forgets the tokens and stops renewing. */
  dispose(): Promise<void>;
  /** `false` when the server does not offer single sign-on (no `sso-openid-connect`): no silent attempt. */
  silentOffered?: boolean;
}

export interface OidcClientOptions {
  clientId: string;
  appOrigin: string;
  /**
   * The launch's id_token: sent as `id_token_hint` with a silent sign-in at an
   * authorisation server that issued it (OpenID Connect Core §3.1.2.1), which many servers
   * require before answering `prompt=none`. Never sent to any other issuer.
   */
  idTokenHint?: string;
}

/** Memory of this window only: tokens and PKCE state never reach web storage (docs/standards.md). */
const memoryStore = () => new WebStorageStateStore({ store: new InMemoryWebStorage() });

export function userManagerSettings(endpoint: Pick<EndpointConfiguration, 'fhirBaseUrl' | 'auth'>, opts: OidcClientOptions, smart: SmartConfiguration): UserManagerSettings {
  const callback = authCallbackUrl(opts.appOrigin);
  return {
    authority: smart.issuer,
    // Given whole, so oidc-client-ts does no OpenID discovery at another URL.
    metadata: {
      issuer: smart.issuer,
      authorization_endpoint: smart.authorization_endpoint,
      token_endpoint: smart.token_endpoint,
      ...(smart.jwks_uri ? { jwks_uri: smart.jwks_uri } : {}),
    },
    client_id: opts.clientId,
    // Authorization code with PKCE S256 (oidc-client-ts's default; SMART 2.2 requires it).
    response_type: 'code',
    // v2 scopes where the server says it speaks v2, else v1 (scope-syntax.ts).
    scope: scopeFor(endpoint.auth.scope, scopeSyntax(smart.capabilities)),
    // SMART 2.2: `aud` names the FHIR server the token is for; the token is bound to it.
    extraQueryParams: { aud: endpoint.fhirBaseUrl },
    redirect_uri: callback,
    silent_redirect_uri: callback,
    popup_redirect_uri: callback,
    // The access token is for the FHIR server, not the issuer's userinfo endpoint.
    loadUserInfo: false,
    userStore: memoryStore(),
    stateStore: memoryStore(),
    automaticSilentRenew: true,
    monitorSession: false,
  };
}

export function tokenSet(user: User | null): TokenSet {
  if (!user?.access_token) throw new Error('The sign-in returned no access token');
  // expires_at is in seconds (oidc-client-ts User); the access works in milliseconds.
  return { accessToken: user.access_token, ...(user.scope ? { scope: user.scope } : {}), ...(user.expires_at ? { expiresAt: user.expires_at * 1000 } : {}) };
}

export function createOidcTokenManager(endpoint: Pick<EndpointConfiguration, 'fhirBaseUrl' | 'auth'>, opts: OidcClientOptions, smart: SmartConfiguration): TokenManager {
  const manager = new UserManager(userManagerSettings(endpoint, opts, smart));
  const unsubscribe: Array<() => void> = [];
  const hint = opts.idTokenHint && issuerClaim(opts.idTokenHint) === smart.issuer ? opts.idTokenHint : undefined;
  return {
    silentOffered: smart.capabilities.includes('sso-openid-connect'),
    signinSilent: async () =>
      tokenSet(await manager.signinSilent(hint ? { extraQueryParams: { aud: endpoint.fhirBaseUrl, id_token_hint: hint } } : undefined)),
    signinPopup: async (signal) => tokenSet(await manager.signinPopup(signal ? { popupSignal: signal } : {})),
    onRenewed: (listener) => unsubscribe.push(manager.events.addUserLoaded((u) => listener(tokenSet(u)))),
    onRenewFailed: (listener) => unsubscribe.push(manager.events.addSilentRenewError(listener)),
    onExpired: (listener) => unsubscribe.push(manager.events.addAccessTokenExpired(() => listener())),
    async dispose() {
      manager.stopSilentRenew();
      unsubscribe.splice(0).forEach((u) => u());
      await manager.removeUser();
    },
  };
}
