/**
 * The sign-in callback page's work (auth-callback/index.html is its entry): hand the
 * authorisation server's redirect back to the app window that started the sign-in.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** Which way back: a hidden iframe has a parent; a pop-up is a top-level window. */
export function callbackKind(win: Window): 'silent' | 'popup' {
  return win.parent !== win ? 'silent' : 'popup';
}

/**
 * Posts the URL back with signinSilentCallback / signinPopupCallback. Neither reads the
 * sign-in state (UserManager#signinCallback would, and the state is not in this window),
 * and both use the query response mode, as the app window's UserManager does.
 */
export async function runAuthCallback(win: Window, status: HTMLElement | null): Promise<void> {
  const memory = () => new WebStorageStateStore({ store: new InMemoryWebStorage() });
  // Settings the callbacks never use, but UserManager requires; nothing is stored or renewed.
  const manager = new UserManager({
    authority: win.location.origin,
    client_id: 'auth-callback',
    redirect_uri: win.location.href,
    userStore: memory(),
    stateStore: memory(),
    automaticSilentRenew: false,
    monitorSession: false,
  });
  const url = win.location.href;
  try {
    if (callbackKind(win) === 'silent') await manager.signinSilentCallback(url);
    else await manager.signinPopupCallback(url);
  } catch {
    if (status) status.textContent = 'Signing in did not finish. Close this window and try again from My Care Record.';
  } finally {
    // The code is single-use and already handed over: keep it out of this window's history.
    win.history.replaceState(null, '', win.location.pathname);
  }
}
