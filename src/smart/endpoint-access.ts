/**
 * Contract for authorised access to one regional endpoint. Implemented in
 * smart/endpoint-access-*.ts; the rest of the app sees only this, never a token.
 *
 * SMART App Launch 2.2: one EHR launch authorises only the launching server, so every
 * other FHIR endpoint needs its own authorisation. The launching endpoint reuses the
 * launch's token (fhirclient); every other endpoint gets its own token through
 * oidc-client-ts (authorization code + PKCE at that endpoint's authorisation server,
 * silently through the single sign-on session where possible).
 */
import type { GetHeaders } from '../fhir/types';

export type EndpointAuthState =
  | { state: 'idle' }
  | { state: 'authorising' }
  | { state: 'authorised'; expiresAt?: number }
  /** Silent sign-in failed: a visible "Sign in to <organisation>" is needed. */
  | { state: 'sign-in-needed'; reason: string }
  | { state: 'failed'; reason: string };

export interface EndpointAccess {
  endpointId: string;
  /** The only origin this access's token may be sent to. */
  origin: string;
  /** Obtain a token without user interaction if possible (never fetches patient data). */
  authorise(): Promise<EndpointAuthState>;
  /**
   * Fetch a token ahead of need where that costs no sign-in frame and no request to the
   * endpoint (a shared sign-in: one token request to the authorisation server, behind any
   * token needed now); otherwise nothing. Never fetches patient data; failures are silent
   * (authorise() later tries again and says why). Optional.
   */
  prepare?(): void;
  /** Interactive fallback (a pop-up window), from a user's click only. */
  signInInteractively(): Promise<EndpointAuthState>;
  /** Headers for a request; throws for any URL off `origin`. */
  getHeaders: GetHeaders;
  /** After a 401: one re-authorisation of this endpoint alone. */
  reauthorise(): Promise<void>;
  /**
   * The scopes the current token was granted (the token response's `scope`, or the
   * scopes asked for where the server did not say: RFC 6749 §5.1), never the token
   * itself; undefined when not signed in or not known. Retrieval sends only the searches
   * these allow (granted-scope.ts).
   */
  grantedScope?(): string | undefined;
  /** Forget the token (session end). */
  dispose(): void;
  subscribe(listener: (s: EndpointAuthState) => void): () => void;
  current(): EndpointAuthState;
}
