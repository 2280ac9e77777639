/**
 * Why a launch could not produce a session, in a few named kinds that each have one page
 * of plain words (launch-error-text.ts). Pure: used by the launch entry (no React) and by
 * the app's bootstrap alike.
 */
export type LaunchErrorKind =
  /** /config.json is missing or wrong. */
  | 'bad-config'
  /** Opened without `iss`/`launch`, or the app opened with no sign-in in progress. */
  | 'no-launch'
  /** `iss` names a host system that is not in the configuration. */
  | 'unknown-iss'
  /** Discovery or the token endpoint could not be reached. */
  | 'unreachable'
  /** The server's SMART configuration lacks what the app requires (PKCE S256 …). */
  | 'unsupported-server'
  /** The user or the server declined (`error=access_denied`). */
  | 'denied'
  /** The host's launch token was stale or already used. */
  | 'expired-launch'
  /** Any other error the authorisation server returned on the redirect. */
  | 'auth-failed'
  /** `state` unknown, tampered with, missing or replayed. */
  | 'bad-state'
  /** The code could not be exchanged for an access token. */
  | 'token-failed'
  /** The token response named no patient. */
  | 'no-patient';

export class LaunchError extends Error {
  override readonly name = 'LaunchError';
  constructor(
    readonly kind: LaunchErrorKind,
    /**
     * Safe, short text that helps whoever supports the user (a config field path, the
     * unknown `iss`, an OAuth error code). Never a token, a code or a server's free text.
     */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${kind}: ${detail}` : kind, options);
  }
}

/** RFC 6749 §4.1.2.1 error codes are short ASCII words; anything else is not echoed. */
const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Maps the `error`/`error_description` that an authorisation server appends to the
 * redirect URI (RFC 6749 §4.1.2.1; SMART App Launch 2.2 "Obtain authorization code") to a
 * kind. The description is only inspected, never shown: anyone can put words in a URL.
 */
export function launchErrorFromRedirect(error: string | null, description: string | null): LaunchError {
  const code = (error ?? '').trim();
  const detail = SAFE_CODE.test(code) ? code : undefined;
  if (code === 'access_denied') return new LaunchError('denied', detail);
  if (code === 'invalid_request' && /\blaunch\b|expired/i.test(description ?? '')) {
    return new LaunchError('expired-launch', detail);
  }
  return new LaunchError('auth-failed', detail);
}

/** Any thrown value as a LaunchError; unexpected ones become `fallback` (no stack shown). */
export function toLaunchError(e: unknown, fallback: LaunchErrorKind = 'token-failed'): LaunchError {
  return e instanceof LaunchError ? e : new LaunchError(fallback, undefined, { cause: e });
}
