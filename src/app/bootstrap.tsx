import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigError, loadConfig } from '../config';
import type { AppConfiguration } from '../config/types';
import {
  createGovernanceAccesses,
  installSessionCleanup,
  LaunchError,
  readySession,
  toLaunchError,
  type EndpointAccess,
  type GovernanceAccesses,
  type SmartSession,
} from '../smart';
import { App } from './App';
import { createQueryClient } from './query-client';
import { sessionQueries } from './session.queries';
import { LaunchErrorPage } from './launch-error-page';
import { SessionEnded, wasReloaded } from './session-ended';

export interface BootstrapDeps {
  readySession: () => Promise<SmartSession>;
  now: () => Date;
  /** The runtime configuration (`/config.json`); loadConfig by default. */
  loadConfig?: () => Promise<AppConfiguration>;
  /** One access per endpoint; session.endpointAccesses(config) by default. */
  endpointAccesses?: (session: SmartSession, config: AppConfiguration) => ReadonlyMap<string, EndpointAccess>;
  /** Sign-in to the audit service and the objection register; createGovernanceAccesses by default. */
  governanceAccesses?: (config: AppConfiguration) => GovernanceAccesses;
  /** Whether the page was reloaded (Navigation Timing); session-ended.ts by default. */
  wasReloaded?: () => boolean;
}

/** The configuration as the launch page reads it: any failure is a plain `bad-config` page. */
function configFailure(e: unknown): LaunchError {
  return new LaunchError('bad-config', e instanceof ConfigError ? e.message : undefined, { cause: e });
}

/**
 * Starts the app on the redirect URI: completes the SMART launch, then renders the app or
 * the launch-error page. Authorisation happens once, here, before any render (architecture
 * habit 8); the launch itself starts at /launch/. The configuration is fetched alongside
 * the token exchange (no extra wait) and names the organisations to ask; each gets its
 * access here, once, outside React. The container's static "Opening…" text stays until
 * one of the two is ready, so the page is never blank.
 */
export async function bootstrap(
  container: HTMLElement,
  deps: BootstrapDeps = { readySession: () => readySession(), now: () => new Date() },
): Promise<Root> {
  installSessionCleanup();
  const config = (deps.loadConfig ?? (() => loadConfig()))().then(
    (c) => ({ ok: true as const, config: c }),
    (e: unknown) => ({ ok: false as const, error: configFailure(e) }),
  );
  let session: SmartSession;
  let app: { config: AppConfiguration; accesses: ReadonlyMap<string, EndpointAccess>; governanceAccesses: GovernanceAccesses };
  const queryClient = createQueryClient();
  try {
    session = await deps.readySession();
    const loaded = await config;
    if (!loaded.ok) throw loaded.error;
    // The launching server's reads (Patient; Practitioner and PractitionerRole) go out now,
    // side by side, not after the accesses are built and the app has rendered and mounted:
    // the banner and the permission question wait for them. The app's queries take these
    // answers (same query client, same keys). The entry (main.tsx) has usually sent them
    // already (session.startReads); these calls then take what was sent.
    void queryClient.prefetchQuery(sessionQueries.patient(session));
    void queryClient.prefetchQuery(sessionQueries.user(session));
    const accesses = (deps.endpointAccesses ?? ((s, c) => s.endpointAccesses(c)))(session, loaded.config);
    const governanceAccesses = (deps.governanceAccesses ?? ((c) => session.governanceAccesses?.(c) ?? createGovernanceAccesses(c, { appOrigin: window.location.origin })))(loaded.config);
    app = { config: loaded.config, accesses, governanceAccesses };
  } catch (e) {
    const error = toLaunchError(e);
    // For developers: the kind and its cause. Causes hold URLs and statuses, never a token
    // (the session boundary strips code and state from the URL before this point). Logged as
    // information: the page has handled it and says so; console errors are kept for defects.
    console.info(`Launch failed: ${error.kind}`, error.cause ?? '');
    const root = createRoot(container);
    // A reload finds no launch (the session was cleared as the page went): say so truthfully.
    const reloaded = error.kind === 'no-launch' && (deps.wasReloaded ?? wasReloaded)();
    root.render(reloaded ? <SessionEnded reason="reloaded" /> : <LaunchErrorPage error={error} />);
    return root;
  }
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App session={session} config={app.config} accesses={app.accesses} governanceAccesses={app.governanceAccesses} now={deps.now} queryClient={queryClient} />
    </StrictMode>,
  );
  return root;
}
