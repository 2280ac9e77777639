import './launch.css';
import { loadConfig } from '../src/config/load';
import { APP_AHEAD_FRAME_ID } from '../src/config/launch-match';
import { discoveryFetch, smartApi } from '../src/smart/fhirclient';
import { showLaunchError } from './error-page';
import { runLaunch } from './run-launch';

/**
 * The SMART launch URL (/launch/). No React: it only picks the configuration, checks the
 * server and sends the browser to the authorisation server (architecture habit 8).
 */
void runLaunch({
  href: location.href,
  loadConfig: () => loadConfig(),
  // Discovery read through fhirclient's memo, so authorize() does not read it again.
  fetch: discoveryFetch,
  authorize: (params) => smartApi().authorize(params),
  randomUUID: () => crypto.randomUUID(),
  navigate: (to) => location.assign(to),
  showError: (error) => {
    // For developers: the kind and the underlying cause (the launch page holds no token).
    // Information, not an error: the page shows what happened; console errors mean defects.
    console.info(`Launch failed: ${error.kind}`, error.cause ?? '');
    // The app page loaded ahead for the redirect back (server/early-discovery.ts) is not needed now.
    document.getElementById(APP_AHEAD_FRAME_ID)?.remove();
    showLaunchError(document, error);
  },
});
