/**
 * A small observable holder for one endpoint's EndpointAuthState, so that the UI can show
 * "Signing in…", "Sign in to <organisation>" or a failure per source without ever seeing a
 * token (useSyncExternalStore takes subscribe and current as they are).
 */
import type { EndpointAuthState } from './endpoint-access';

export interface AuthStateStore {
  current(): EndpointAuthState;
  set(next: EndpointAuthState): EndpointAuthState;
  subscribe(listener: (s: EndpointAuthState) => void): () => void;
}

export function createAuthStateStore(initial: EndpointAuthState = { state: 'idle' }): AuthStateStore {
  let state = initial;
  const listeners = new Set<(s: EndpointAuthState) => void>();
  return {
    current: () => state,
    set(next) {
      // The same state again (a sign-in and its userLoaded event) is not news to listeners.
      if (JSON.stringify(next) === JSON.stringify(state)) return state;
      state = next;
      for (const listener of [...listeners]) listener(state);
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Thrown by getHeaders for a URL off the access's origin: a bug, never a server's doing. */
export class TokenOriginError extends Error {
  override readonly name = 'TokenOriginError';
}

/**
 * Bearer tokens go only to the origin they were issued for (docs/standards.md, "Browser
 * security"; RFC 6750 §5.2 token redirect). The URL itself is left out of the message:
 * messages reach logs.
 */
export function assertTokenOrigin(url: string, origin: string): void {
  let target: string;
  try {
    target = new URL(url).origin;
  } catch {
    throw new TokenOriginError('Refusing to add a token to a request whose URL cannot be read');
  }
  if (target !== origin) throw new TokenOriginError(`Refusing to send ${origin}’s token to ${target}`);
}

/** The Authorization header (RFC 6750 §2.1): the only place a token leaves smart/. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
