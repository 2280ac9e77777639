/**
 * One sign-in per authorisation server (docs/adr/0006, decision 4; RFC 8707 resource
 * indicators). Where several endpoints and services name the same `auth.sharedSignIn`
 * issuer, the first of them to need a token makes one authorization (code + PKCE, the
 * hidden frame or the pop-up of oidc-client-ts) naming every one of them as a `resource`,
 * and exchanges the code for its own token. Each other one gets its token from a
 * refresh-token request naming its own base (`resource`) and its own scopes: one request,
 * no frame. Every token still has one audience, its own endpoint's base, and goes only to
 * that endpoint's origin (the access's getHeaders).
 *
 * Refresh tokens of a public client rotate (OAuth 2.0 Security BCP §4.14): each request
 * spends the newest one, so the requests go one after another. A spent or ended grant
 * (`invalid_grant`) is replaced by one new authorization. A token asked for ahead of need
 * (`signinAhead`: an organisation likely to be asked, while the user reads the permission
 * question) waits behind every token needed now, so it never delays one (docs/adr/0011).
 */
import { ErrorResponse, UserManager } from 'oidc-client-ts';
import type { AppConfiguration, EndpointAuth } from '../config/types';
import type { SignInTarget } from './endpoint-access-oidc';
import { DiscoveryError, discoverSmartConfiguration, type SmartConfiguration } from './smart-discovery';
import { tokenSet, userManagerSettings, type OidcClientOptions, type TokenManager, type TokenSet } from './oidc-token-manager';
import { scopeFor, scopeSyntax } from './scope-syntax';
import { issuerClaim } from './id-token';
import { refreshForResource } from './token-request';

export interface GrantTokens extends TokenSet {
  /** Undefined where the server issued none (then every other member needs its own authorization). */
  refreshToken?: string;
}

/** What the shared sign-in needs of the authorisation server; `defaultGrantClient` is the real one, tests fake it. */
export interface GrantClient {
  /** `false` when the server does not offer single sign-on: no hidden-frame attempt. */
  silentOffered: boolean;
  /**
   * One authorization naming every member as `resource`; the code is exchanged for a token
   * for `forResource`. `popup` must be started from a click: nothing is awaited before the
   * window opens.
   */
  authorize(how: { mode: 'silent' } | { mode: 'popup'; signal?: AbortSignal }, forResource: string): Promise<GrantTokens>;
  /** A token for `resource` with `scope` from the grant's refresh token. */
  refresh(refreshToken: string, resource: string, scope: string): Promise<GrantTokens>;
  /** A member's configured scopes, in the syntax the server speaks. */
  scopeOf(member: SignInTarget): string;
  dispose(): Promise<void>;
}

export type CreateGrantClient = (issuer: string, members: readonly SignInTarget[], first: SignInTarget, opts: OidcClientOptions) => Promise<GrantClient>;

/** Renew a member's token this long before it ends (oidc-client-ts renews 60 s before by default). */
const RENEW_BEFORE_MS = 60_000;
/** setTimeout fires at once for a delay beyond 2^31 - 1 ms (about 24.8 days): longer is capped. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const after = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(0, ms));

function union(scopes: readonly EndpointAuth[]): string {
  return [...new Set(scopes.flatMap((a) => a.scope.split(/\s+/).filter(Boolean)))].join(' ');
}

export const defaultGrantClient: CreateGrantClient = async (issuer, members, first, opts) => {
  const smart: SmartConfiguration = await discoverSmartConfiguration(first.fhirBaseUrl);
  // The configuration said this server signs in at `issuer`: a server that says otherwise gets no grant.
  if (smart.issuer !== issuer) throw new DiscoveryError(`${first.organisationName} signs in at ${smart.issuer}, not at ${issuer} as configured`);
  const syntax = scopeSyntax(smart.capabilities);
  const settings = {
    ...userManagerSettings({ fhirBaseUrl: first.fhirBaseUrl, auth: { type: 'smart', scope: union(members.map((m) => m.auth)) } }, opts, smart),
    resource: members.map((m) => m.fhirBaseUrl),
    // Renewal is per member, here: oidc-client-ts's own would spend the shared refresh token.
    automaticSilentRenew: false,
  };
  const manager = new UserManager(settings);
  const hint = opts.idTokenHint && issuerClaim(opts.idTokenHint) === smart.issuer ? opts.idTokenHint : undefined;
  /** The tokens leave oidc-client-ts's store at once: only this module holds the refresh token. */
  const take = async (user: Parameters<typeof tokenSet>[0]): Promise<GrantTokens> => {
    const t = tokenSet(user);
    const refreshToken = user?.refresh_token;
    await manager.removeUser();
    return { ...t, ...(refreshToken ? { refreshToken } : {}) };
  };
  return {
    silentOffered: smart.capabilities.includes('sso-openid-connect'),
    scopeOf: (m) => scopeFor(m.auth.scope, syntax),
    authorize(how, forResource) {
      // SMART 2.2 `aud` is one of the resources; the code is exchanged for that one.
      const args = { extraTokenParams: { resource: forResource } };
      if (how.mode === 'popup') {
        return manager.signinPopup({ ...args, extraQueryParams: { aud: forResource }, ...(how.signal ? { popupSignal: how.signal } : {}) }).then(take);
      }
      return manager
        .signinSilent({ ...args, extraQueryParams: { aud: forResource, ...(hint ? { id_token_hint: hint } : {}) }, forceIframeAuth: true })
        .then(take);
    },
    async refresh(refreshToken, resource, scope) {
      const a = await refreshForResource({ tokenEndpoint: smart.token_endpoint, clientId: opts.clientId, refreshToken, resource, scope });
      // RFC 6749 §5.1: no `scope` in the answer means the scopes asked for.
      return { accessToken: a.accessToken, scope: a.scope ?? scope, ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}), ...(a.refreshToken ? { refreshToken: a.refreshToken } : {}) };
    },
    dispose: () => manager.removeUser(),
  };
};

export interface SharedSignIn {
  issuer: string;
  members: readonly SignInTarget[];
  /**
   * Whether a token for another member now costs one refresh request and nothing else: the
   * group has its client (no member need be asked for its discovery) and a refresh token.
   */
  signedIn(): boolean;
  /** The TokenManager for one member (createOidcEndpointAccess's `createTokenManager` seam). */
  tokenManager(member: SignInTarget): Promise<TokenManager>;
}

const withoutRefresh = ({ refreshToken: _spent, ...t }: GrantTokens): TokenSet => t;

export function createSharedSignIn(issuer: string, members: readonly SignInTarget[], opts: OidcClientOptions, createClient: CreateGrantClient = defaultGrantClient): SharedSignIn {
  /** The group's client: built from the discovery of whichever member answered first. */
  let client: GrantClient | undefined;
  const waiting: Array<(c: GrantClient) => void> = [];
  let refreshToken: string | undefined;
  /** Bumped by every new authorization: a refresh answer from an older grant does not replace its token. */
  let generation = 0;
  /** Token requests not yet sent, in order; one is sent at a time (`serial`). */
  const pending: { start: () => void; ahead: boolean; memberId: string }[] = [];
  let sending = false;
  const live = new Set<string>();

  /**
   * The client. Each member that asks before there is one discovers at its own server, and
   * the first discovery to succeed serves the whole group: one server that hangs or errs
   * (failure isolation) does not hold up the others' sign-in. A member whose own discovery
   * fails before any other succeeded (a server down, or naming another issuer) fails, and
   * is retried on its next call; after that it takes the configuration's word, and its
   * server, if it trusts another issuer, refuses the token (401: sign-in needed).
   */
  function ready(member: SignInTarget): Promise<GrantClient> {
    if (client) return Promise.resolve(client);
    return new Promise<GrantClient>((resolve, reject) => {
      waiting.push(resolve);
      createClient(issuer, members, member, opts).then(
        (c) => {
          if (client) {
            void c.dispose();
            resolve(client);
            return;
          }
          client = c;
          for (const w of waiting.splice(0)) w(c);
        },
        (e: unknown) => (client ? resolve(client) : reject(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  }

  /**
   * One token request at a time: each spends the newest refresh token. A request asked for
   * ahead of need (`ahead`) waits behind every one asked for now, and is moved up when its
   * member comes to need it (`promote`).
   */
  function serial<T>(task: () => Promise<T>, memberId: string, ahead = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      pending.push({
        memberId,
        ahead,
        start: () =>
          void task()
            .then(resolve, reject)
            .finally(() => {
              sending = false;
              next();
            }),
      });
      next();
    });
  }
  function next(): void {
    if (sending || pending.length === 0) return;
    const needed = pending.findIndex((j) => !j.ahead);
    const [job] = pending.splice(needed >= 0 ? needed : 0, 1);
    sending = true;
    job!.start();
  }
  const promote = (memberId: string) => pending.forEach((j) => j.memberId === memberId && (j.ahead = false));

  const granted = (t: GrantTokens): TokenSet => {
    generation += 1;
    refreshToken = t.refreshToken;
    return withoutRefresh(t);
  };

  function silentToken(c: GrantClient, member: SignInTarget, ahead = false): Promise<TokenSet> {
    return serial(async () => {
      // Ahead of need only from the refresh token: never a sign-in frame, never for a member since disposed.
      if (ahead && (!refreshToken || !live.has(member.id))) throw new Error('No token ahead of need without the refresh token');
      if (refreshToken) {
        const gen = generation;
        try {
          const t = await c.refresh(refreshToken, member.fhirBaseUrl, c.scopeOf(member));
          if (gen === generation && t.refreshToken) refreshToken = t.refreshToken;
          return withoutRefresh(t);
        } catch (e) {
          // Spent, revoked or ended with the session: one new authorization below. Anything else is the answer.
          if (!(e instanceof ErrorResponse && e.error === 'invalid_grant')) throw e;
          if (gen === generation) refreshToken = undefined;
          if (ahead) throw e;
        }
      }
      if (!c.silentOffered) throw new ErrorResponse({ error: 'login_required' });
      return granted(await c.authorize({ mode: 'silent' }, member.fhirBaseUrl));
    }, member.id, ahead);
  }

  async function tokenManager(member: SignInTarget): Promise<TokenManager> {
    const c = await ready(member);
    live.add(member.id);
    const renewed: Array<(t: TokenSet) => void> = [];
    const renewFailed: Array<(e: Error) => void> = [];
    const expired: Array<() => void> = [];
    let renewTimer: ReturnType<typeof setTimeout> | undefined;
    let expiryTimer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    /** This member's token request under way, asked for ahead of need or now: a second asker shares it. */
    let inFlight: Promise<TokenSet> | undefined;
    const once = (ahead: boolean): Promise<TokenSet> => {
      if (inFlight) {
        if (!ahead) promote(member.id);
        return inFlight;
      }
      const run = silentToken(c, member, ahead).finally(() => {
        if (inFlight === run) inFlight = undefined;
      });
      return (inFlight = run);
    };

    const schedule = (t: TokenSet): TokenSet => {
      clearTimeout(renewTimer);
      clearTimeout(expiryTimer);
      if (disposed || !t.expiresAt) return t;
      const left = t.expiresAt - Date.now();
      renewTimer = setTimeout(() => void renew(), after(Math.max(1_000, left - RENEW_BEFORE_MS)));
      expiryTimer = setTimeout(() => expired.forEach((l) => l()), after(left));
      return t;
    };
    async function renew(): Promise<void> {
      try {
        const t = schedule(await silentToken(c, member));
        if (!disposed) renewed.forEach((l) => l(t));
      } catch (e) {
        if (!disposed) renewFailed.forEach((l) => l(e instanceof Error ? e : new Error(String(e))));
      }
    }

    return {
      silentOffered: c.silentOffered,
      signinSilent: async () => schedule(await once(false)),
      signinAhead: async () => schedule(await once(true)),
      // Straight from the click: the window opens before anything is awaited. It makes a new grant for every member.
      signinPopup: (signal) => c.authorize({ mode: 'popup', ...(signal ? { signal } : {}) }, member.fhirBaseUrl).then((t) => schedule(granted(t))),
      onRenewed: (l) => void renewed.push(l),
      onRenewFailed: (l) => void renewFailed.push(l),
      onExpired: (l) => void expired.push(l),
      async dispose() {
        disposed = true;
        clearTimeout(renewTimer);
        clearTimeout(expiryTimer);
        live.delete(member.id);
        // The last member gone (session end): the grant is forgotten.
        if (live.size === 0) {
          refreshToken = undefined;
          generation += 1;
          await c.dispose();
        }
      },
    };
  }

  return { issuer, members, tokenManager, signedIn: () => client !== undefined && refreshToken !== undefined };
}

/**
 * The shared sign-ins of a configuration: one per `auth.sharedSignIn` issuer named by two
 * or more endpoints and services (the launching endpoint excluded: it uses the launch's
 * token). Gives `createTokenManager` for the accesses of their members, undefined for the
 * rest (their own sign-in, as before).
 */
export function sharedSignIns(
  config: AppConfiguration,
  launchIss: string | undefined,
  opts: OidcClientOptions,
  extraMembers: readonly SignInTarget[],
  createClient?: CreateGrantClient,
): (target: SignInTarget) => SharedSignIn | undefined {
  const sameBase = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
  const candidates = [...config.endpoints, ...extraMembers].filter((m) => m.auth.sharedSignIn && !(launchIss && sameBase(m.fhirBaseUrl, launchIss)));
  const byIssuer = new Map<string, SignInTarget[]>();
  for (const m of candidates) byIssuer.set(m.auth.sharedSignIn!, [...(byIssuer.get(m.auth.sharedSignIn!) ?? []), m]);
  const groups = new Map<string, SharedSignIn>();
  for (const [issuer, members] of byIssuer) if (members.length > 1) groups.set(issuer, createSharedSignIn(issuer, members, opts, createClient));
  return (target) => {
    const group = target.auth.sharedSignIn ? groups.get(target.auth.sharedSignIn) : undefined;
    return group?.members.some((m) => m.id === target.id && m.fhirBaseUrl === target.fhirBaseUrl) ? group : undefined;
  };
}
