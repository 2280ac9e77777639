/**
 * Where authorisation servers send the browser back after a silent (iframe) or pop-up
 * sign-in at a regional endpoint: the tiny page in auth-callback/ (no React). Registered
 * as a redirect URI with every authorisation server (the sandbox's in
 * mocks/sandbox/auth/config.ts). No imports here: the sandbox's node code reads it too.
 */
export const AUTH_CALLBACK_PATH = '/auth-callback/';

export function authCallbackUrl(appOrigin: string): string {
  return `${appOrigin.replace(/\/+$/, '')}${AUTH_CALLBACK_PATH}`;
}
