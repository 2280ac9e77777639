/**
 * Plain words for why a sign-in at a regional endpoint did not complete, for the
 * "Sign in to <organisation>" prompt. OAuth errors (RFC 6749 §4.1.2.1; OpenID Connect
 * Core §3.1.2.6 for prompt=none) arrive from oidc-client-ts as ErrorResponse, the hidden
 * iframe's time limit as ErrorTimeout. Never the error_description: it is the server's
 * text for developers.
 */
import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';

export function signInFailureReason(error: unknown, organisationName: string, interactive = false): string {
  if (error instanceof ErrorResponse) {
    switch (error.error) {
      case 'login_required':
      case 'interaction_required':
      case 'account_selection_required':
        return `Sign in to ${organisationName} to see its records.`;
      case 'consent_required':
        return `${organisationName} needs you to approve access before its records can be shown.`;
      case 'access_denied':
        return `Sign-in to ${organisationName} was cancelled or refused.`;
      default:
        return `${organisationName} refused the sign-in. Try signing in again.`;
    }
  }
  if (error instanceof ErrorTimeout) {
    // The hidden window came back with nothing: the server timed out, or answered with a
    // page instead of an error (some refuse prompt=none that way). Either way: ask.
    return `${organisationName} did not complete the sign-in without a window in time. Sign in to see its records.`;
  }
  const message = error instanceof Error ? error.message : '';
  if (interactive && /popup|window/i.test(message)) {
    // oidc-client-ts: window.open returned null ("disposed window") or the window was closed.
    return /blocked|disposed/i.test(message)
      ? `The browser blocked the sign-in window for ${organisationName}. Allow pop-ups for this app and try again.`
      : `The sign-in window for ${organisationName} was closed before signing in.`;
  }
  return `Sign-in to ${organisationName} could not be completed. Try signing in again.`;
}
