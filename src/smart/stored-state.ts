/**
 * What fhirclient keeps in sessionStorage between the launch page and the redirect URI:
 * `SMART_KEY` holds (as JSON) the key of the current state, and that key holds the state
 * (server URL, PKCE verifier, later the token response). The session boundary reads it to
 * reject a redirect fhirclient would accept, and clears it so tokens do not outlive the
 * page (docs/standards.md, "Browser security": tokens at most in sessionStorage, cleared when
 * the session ends).
 */
export const SMART_KEY = 'SMART_KEY';

interface StoredState {
  tokenResponse?: { access_token?: unknown };
  serverUrl?: unknown;
}

function parse(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function currentKey(storage: Storage): string | undefined {
  const key = parse(storage.getItem(SMART_KEY));
  return typeof key === 'string' && key !== '' ? key : undefined;
}

function stateAt(storage: Storage, key: string): StoredState | undefined {
  const state = parse(storage.getItem(key));
  return typeof state === 'object' && state !== null ? (state as StoredState) : undefined;
}

/**
 * Checks the redirect before fhirclient sees it, closing the gaps its `ready()` leaves
 * (SMART App Launch 2.2 "Obtain authorization code": the app SHALL check `state`):
 * - a `code` with no `state` would be exchanged against whatever state is current;
 * - a `code` for a state that already holds a token is a replayed redirect;
 * - a state with no token and no code would yield a client without a token (a sign-in
 *   abandoned at the authorisation server, then the app opened directly).
 * Returns the kind of failure, or undefined when fhirclient may proceed.
 */
export function checkRedirectState(params: URLSearchParams, storage: Storage): 'no-launch' | 'bad-state' | undefined {
  const urlState = params.get('state');
  const hasCode = params.has('code');
  if (hasCode && !urlState) return 'bad-state';
  const key = urlState ?? currentKey(storage);
  if (!key) return 'no-launch';
  const state = stateAt(storage, key);
  if (!state) return urlState ? 'bad-state' : 'no-launch';
  const hasToken = typeof state.tokenResponse?.access_token === 'string';
  if (hasCode && hasToken) return 'bad-state';
  if (!hasCode && !hasToken) return urlState ? 'bad-state' : 'no-launch';
  return undefined;
}

/**
 * The FHIR server of the launch this redirect completes: the stored state's `serverUrl`,
 * which the launch page wrote only after matching `iss` to the configuration
 * (launch/run-launch.ts). Undefined unless the redirect passes checkRedirectState with a
 * code, and for anything but an http(s) URL.
 */
export function launchingServer(params: URLSearchParams, storage: Storage): string | undefined {
  if (!params.has('code') || checkRedirectState(params, storage) !== undefined) return undefined;
  const key = params.get('state');
  const url = key ? stateAt(storage, key)?.serverUrl : undefined;
  return typeof url === 'string' && /^https?:\/\/[^/]/i.test(url) ? url : undefined;
}

/** Removes fhirclient's state: the current one and, if given, the one the URL named. */
export function clearSmartState(storage: Storage, urlState?: string | null): void {
  const key = currentKey(storage);
  if (key) storage.removeItem(key);
  if (urlState) storage.removeItem(urlState);
  storage.removeItem(SMART_KEY);
}

/**
 * Clears fhirclient's state when the page is hidden for good or for the back-forward
 * cache (`pagehide` fires for both, and for reloads). The cost: a reload ends the session
 * and the user opens the record again from the host system. Returns an uninstaller.
 */
export function installSessionCleanup(target: Window = window): () => void {
  const onPageHide = () => clearSmartState(target.sessionStorage);
  target.addEventListener('pagehide', onPageHide);
  return () => target.removeEventListener('pagehide', onPageHide);
}
