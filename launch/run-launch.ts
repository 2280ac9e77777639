import { scopeFor, scopeSyntax } from '../src/smart/scope-syntax';
import type { fhirclient } from 'fhirclient/lib/types';
import { findLaunchConfiguration, sameIss } from '../src/config/launch-match';
import { ConfigError } from '../src/config/validate';
import type { AppConfiguration } from '../src/config/types';
import { LaunchError, toLaunchError } from '../src/smart/launch-error';
import { discoverSmartConfiguration, type SmartConfiguration } from './discovery';

/** What the launch needs from the browser; tests pass their own. */
export interface LaunchDeps {
  /** The launch page's URL (with `iss` and `launch`). */
  href: string;
  loadConfig: () => Promise<AppConfiguration>;
  fetch: typeof fetch;
  authorize: (params: fhirclient.AuthorizeParams) => Promise<string | void>;
  randomUUID: () => string;
  navigate: (url: string) => void;
  showError: (error: LaunchError) => void;
}

interface Expected {
  discovery: SmartConfiguration;
  iss: string;
  clientId: string;
  redirectUri: string;
  stateKey: string;
  launch: string;
}

/**
 * fhirclient builds the authorisation URL; this checks it is the one asked for before the
 * browser goes there: the discovered endpoint, our client, audience and redirect URI, our
 * state, PKCE S256. fhirclient lets URL parameters (`clientId`, `fhirServiceUrl`) override its
 * options and skips authorisation for a server it takes to be open: fail closed instead.
 */
function checkRedirect(redirect: string | void, x: Expected): string {
  const u = typeof redirect === 'string' ? new URL(redirect) : undefined;
  const p = u?.searchParams;
  const ok =
    u !== undefined &&
    `${u.origin}${u.pathname}` === new URL(x.discovery.authorizationEndpoint).href.split('?')[0] &&
    p?.get('response_type') === 'code' &&
    p.get('client_id') === x.clientId &&
    sameIss(p.get('aud') ?? '', x.iss) &&
    p.get('redirect_uri') === x.redirectUri &&
    p.get('state') === x.stateKey &&
    p.get('launch') === x.launch &&
    p.get('code_challenge_method') === 'S256' &&
    !!p.get('code_challenge');
  if (!ok) throw new LaunchError('unsupported-server', 'unexpected authorisation request');
  return redirect as string;
}

/**
 * The SMART EHR launch (SMART App Launch 2.2 "Launch App: EHR Launch" → "Obtain
 * authorization code"): reads `iss` and `launch`, picks the launch configuration for that
 * `iss`, checks discovery, then has fhirclient build the authorisation request and goes
 * there. Any failure becomes a plain page; nothing is left blank.
 *
 * - `stateKey: crypto.randomUUID()`: 122 random bits from a CSPRNG (fhirclient's default
 *   uses Math.random).
 * - `pkceMode: 'required'`: PKCE S256 is mandatory in SMART 2.x.
 * - `completeInTarget: true`: the app runs in the host's iframe and the whole flow stays
 *   in it, so ready() must finish in the same frame. Without it fhirclient guesses (with a
 *   console warning), and with `false` it would post the result to the parent window, the
 *   host, which does not listen: the app would wait for ever.
 * - `noRedirect: true`: fhirclient returns the URL so that it can be checked first.
 */
export async function runLaunch(deps: LaunchDeps): Promise<void> {
  // Read from the start: the page preloads /config.json beside its scripts (launch/index.html),
  // and a preload left unread is a console warning. Only its outcome waits for the checks below.
  const loading = deps.loadConfig().then(
    (config) => ({ config }),
    (e: unknown) => ({ error: new LaunchError('bad-config', e instanceof ConfigError ? e.message : undefined, { cause: e }) }),
  );
  try {
    const url = new URL(deps.href);
    const iss = url.searchParams.get('iss');
    const launch = url.searchParams.get('launch');
    if (!iss || !launch) throw new LaunchError('no-launch');

    const loaded = await loading;
    if ('error' in loaded) throw loaded.error;
    const { config } = loaded;
    const entry = findLaunchConfiguration(config, iss);
    if (!entry) throw new LaunchError('unknown-iss', iss);

    const discovery = await discoverSmartConfiguration(entry.iss, deps.fetch);
    const expected = { discovery, iss: entry.iss, clientId: config.clientId, redirectUri: new URL('/', url.origin).href, stateKey: deps.randomUUID(), launch };
    const redirect = await deps.authorize({
      clientId: expected.clientId,
      // v2 scope syntax where the server lists permission-v2, else v1 (.read).
      scope: scopeFor(entry.scope, scopeSyntax(discovery.capabilities)),
      redirectUri: expected.redirectUri,
      iss: entry.iss,
      launch,
      pkceMode: 'required',
      stateKey: expected.stateKey,
      completeInTarget: true,
      noRedirect: true,
    });
    deps.navigate(checkRedirect(redirect, expected));
  } catch (e) {
    deps.showError(toLaunchError(e, 'unreachable'));
  }
}
