import './app/nhsuk.scss';
import './app/app.css';
import { loadConfig } from './config/load';
import { APP_AHEAD_FRAME_ID } from './config/launch-match';
import { readySession, warmLaunchingServer } from './smart/ready-session';
import { installSessionCleanup } from './smart/stored-state';

/**
 * The redirect URI's entry. The token exchange and the configuration read start as soon as
 * this small module graph has run; the app itself (React and every feature, app/bootstrap)
 * is a chunk of its own that the page preloads (index.html, build/prefetch-app.ts), so it
 * compiles meanwhile instead of holding the token request back. bootstrap handles both
 * outcomes, failures included; the catches only keep an early failure from counting as
 * unhandled before bootstrap awaits it.
 */
/**
 * The launch page loads this page ahead in a hidden frame, only so that the browser's
 * cache holds it for the redirect back (server/early-discovery.ts, docs/adr/0010). Nothing
 * runs there: no session (its cleanup would clear the launch's state), no app. It only
 * takes the configuration the page preloaded, so the browser does not warn of an unused preload.
 */
const loadedAhead = window.frameElement?.id === APP_AHEAD_FRAME_ID;
if (loadedAhead) void loadConfig().catch(() => undefined);
else start();

function start(): void {
  // First, as bootstrap does too (a second listener clears the same keys): the launch state
  // goes with the page even if the app's chunk never loads.
  installSessionCleanup();
  // The launching server's preflight, paid while the token is on its way (docs/adr/0010).
  warmLaunchingServer();
  const session = readySession();
  const config = loadConfig();
  session.catch(() => undefined);
  config.catch(() => undefined);
  // The launching server's reads (Patient; Practitioner and PractitionerRole) go out as soon
  // as the token and the configuration are in, not when the app's chunk has compiled (on a
  // busy machine that took longer than the token round trip): bootstrap's queries take
  // their answers (session.ts, startReads).
  Promise.all([session, config]).then(([s]) => s.startReads?.(), () => undefined);

  const container = document.getElementById('root');
  if (container) {
    import('./app/bootstrap').then(
      ({ bootstrap }) => bootstrap(container, { readySession: () => session, loadConfig: () => config, now: () => new Date() }),
      (e: unknown) => {
        // The app's code could not be loaded (a deployment mid-launch, a network fault): say so.
        console.info('The app could not be loaded', e);
        container.textContent = 'My Care Record could not be loaded. Open the record again from your clinical system.';
      },
    );
  }
}
