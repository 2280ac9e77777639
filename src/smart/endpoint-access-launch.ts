/**
 * Access to the launching endpoint: the token the EHR launch obtained (fhirclient's
 * Client) is already bound to it (`aud` = iss, SMART App Launch 2.2), so it is reused
 * rather than asking again. It is refreshed near expiry with the launch's refresh token
 * (online_access); when that is gone only a new launch from the host system helps.
 */
import type { EndpointConfiguration } from '../config/types';
import type { EndpointAccess, EndpointAuthState } from './endpoint-access';
import { assertTokenOrigin, bearer, createAuthStateStore } from './auth-state';

/** What this access needs of fhirclient's Client (the real one fits; tests fake it). */
export interface LaunchTokenClient {
  state: {
    tokenResponse?: { access_token?: string; refresh_token?: string; scope?: string };
    /** The scopes the launch asked for (fhirclient ClientState.scope). */
    scope?: string;
    /** Seconds since the epoch (fhirclient ClientState.expiresAt). */
    expiresAt?: number;
  };
  /** Refreshes when the token expires within 10 seconds (fhirclient Client#refreshIfNeeded). */
  refreshIfNeeded(): Promise<unknown>;
  refresh(): Promise<unknown>;
}

export const RELAUNCH_REASON = 'The sign-in from your clinical system has ended. Open the record again from your clinical system.';

export function createLaunchEndpointAccess(endpoint: Pick<EndpointConfiguration, 'id' | 'fhirBaseUrl'>, client: LaunchTokenClient): EndpointAccess {
  const origin = new URL(endpoint.fhirBaseUrl).origin;
  const store = createAuthStateStore();
  let refreshing: Promise<void> | undefined;
  let disposed = false;

  const accessToken = () => (disposed ? undefined : client.state.tokenResponse?.access_token);

  const authorised = (): EndpointAuthState => {
    const expiresAt = client.state.expiresAt;
    return store.set({ state: 'authorised', ...(expiresAt ? { expiresAt: expiresAt * 1000 } : {}) });
  };
  const failed = (): EndpointAuthState => store.set({ state: 'failed', reason: RELAUNCH_REASON });

  async function authorise(): Promise<EndpointAuthState> {
    if (disposed) return store.current();
    // A failed refresh leaves the current token, which the server may still take.
    await client.refreshIfNeeded().catch(() => undefined);
    return accessToken() ? authorised() : failed();
  }

  /** One refresh at a time (fhirclient also shares its refresh task). */
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      if (!client.state.tokenResponse?.refresh_token) throw new Error(RELAUNCH_REASON);
      await client.refresh();
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  return {
    endpointId: endpoint.id,
    origin,
    current: store.current,
    subscribe: store.subscribe,
    authorise,
    // No pop-up can sign in for the launching system: its sign-in belongs to the host's launch.
    signInInteractively: authorise,

    // What the launch was granted, or what it asked for where the server did not say (RFC 6749 §5.1).
    grantedScope: () => (accessToken() ? (client.state.tokenResponse?.scope ?? client.state.scope) : undefined),

    async getHeaders(url) {
      assertTokenOrigin(url, origin);
      await client.refreshIfNeeded().catch(() => undefined);
      const token = accessToken();
      if (!token) throw new Error('Not signed in to the launching system');
      return bearer(token);
    },

    async reauthorise() {
      try {
        await refresh();
      } catch (e) {
        failed();
        throw new Error(RELAUNCH_REASON, { cause: e });
      }
      if (!disposed) authorised();
    },

    dispose() {
      // fhirclient's stored state is cleared at session end (stored-state.ts); this access stops using it.
      disposed = true;
      store.set({ state: 'idle' });
    },
  };
}
