import type Client from 'fhirclient/lib/Client';
import { smartApi } from './fhirclient';
import { LaunchError, launchErrorFromRedirect, toLaunchError } from './launch-error';
import { createSession, type SmartSession } from './session';
import { warmWithoutToken } from '../fhir';
import { checkRedirectState, clearSmartState, launchingServer } from './stored-state';

/** OAuth parameters that must not stay in the address bar or history after a failure. */
const REDIRECT_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'];

function scrubUrl(win: Window, url: URL): void {
  const clean = new URL(url.href);
  REDIRECT_PARAMS.forEach((p) => clean.searchParams.delete(p));
  if (clean.href !== url.href) win.history.replaceState(win.history.state, '', clean.href);
}

/** fhirclient's ready() rejected after our checks passed: the token exchange failed. */
function readyFailure(e: unknown): LaunchError {
  const err = e as { name?: unknown; status?: unknown };
  if (err?.name === 'HttpError') {
    return new LaunchError('token-failed', typeof err.status === 'number' ? `HTTP ${err.status}` : undefined, { cause: e });
  }
  // Browsers reject fetch with a TypeError when the server cannot be reached.
  if (err?.name === 'TypeError' || err?.name === 'FetchError') return new LaunchError('unreachable', undefined, { cause: e });
  return toLaunchError(e, 'token-failed');
}

/**
 * Completes the SMART App Launch on the redirect URI (SMART App Launch 2.2 "Obtain
 * authorization code", "Obtain access token") and returns the session, or throws a
 * LaunchError. Before fhirclient's ready() runs it rejects what fhirclient would let
 * through (an authorisation error, an unknown, missing or replayed `state`: see
 * stored-state.ts). On any failure the stored state is cleared and `code`/`state` are
 * removed from the address bar.
 */
export async function readySession(win: Window = window): Promise<SmartSession> {
  const url = new URL(win.location.href);
  const params = url.searchParams;
  const storage = win.sessionStorage;
  const fail = (e: LaunchError): never => {
    clearSmartState(storage, params.get('state'));
    scrubUrl(win, url);
    throw e;
  };

  if (params.has('error') || params.has('error_description')) {
    fail(launchErrorFromRedirect(params.get('error'), params.get('error_description')));
  }
  const problem = checkRedirectState(params, storage);
  if (problem) fail(new LaunchError(problem));

  let client: Client;
  try {
    client = await smartApi().ready();
  } catch (e) {
    return fail(readyFailure(e));
  }
  try {
    return createSession(client);
  } catch (e) {
    return fail(toLaunchError(e));
  }
}

/**
 * On the redirect back, before the token exchange: pays the launching server's connection
 * and the CORS preflight of a POST at its base (fhir/warm.ts: no token, no patient data),
 * so that the Patient and user reads, one batch there once the token is in (session.ts),
 * send no preflight of their own (docs/adr/0010). Nothing is asked of a server the stored
 * launch state does not name.
 */
export function warmLaunchingServer(win: Window = window): void {
  const server = launchingServer(new URL(win.location.href).searchParams, win.sessionStorage);
  if (server) warmWithoutToken(server);
}
