/**
 * Where a regional endpoint's authorisation server returns after a silent (hidden
 * iframe) or pop-up sign-in. The sign-in state lives only in the app window's memory, so
 * this page does not complete anything itself: it hands the redirect URL back to the app
 * window with oidc-client-ts's own callback (postMessage to the parent or opener, or a
 * BroadcastChannel when Cross-Origin-Opener-Policy has cut the opener off), and the app
 * window checks `state` and exchanges the code. No React; no inline script (CSP).
 */
import { runAuthCallback } from '../src/smart/auth-callback';

void runAuthCallback(window, document.getElementById('status'));
