/**
 * One refresh-token request (RFC 6749 §6) naming the FHIR server the new access token is
 * for (RFC 8707 §2.2 `resource`): how one authorization at a shared authorisation server
 * yields a token per endpoint (shared-sign-in.ts). A form POST: a CORS "simple" request,
 * so no preflight. The refresh token and the access token never leave this module's
 * caller; errors carry the OAuth error code only, never the server's description.
 */
import { ErrorResponse } from 'oidc-client-ts';
import { jwtClaims } from './id-token';

export interface RefreshAnswer {
  accessToken: string;
  /** The granted scopes; absent where the server did not say (then: those asked for, RFC 6749 §5.1). */
  scope?: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
  /** A rotated refresh token (the old one is spent), or undefined where the server keeps the old one. */
  refreshToken?: string;
}

export interface RefreshRequest {
  tokenEndpoint: string;
  clientId: string;
  refreshToken: string;
  /** The FHIR base URL the token is for (RFC 8707 `resource`). */
  resource: string;
  /** The scopes asked for this server: a subset of the grant's (RFC 6749 §6). */
  scope: string;
}

/** A token time limit far in the future or the past is a server's mistake: treated as unknown. */
const MAX_EXPIRES_IN_S = 24 * 60 * 60;

export async function refreshForResource(req: RefreshRequest, fetchFn: typeof fetch = (i, init) => globalThis.fetch(i, init), now = Date.now): Promise<RefreshAnswer> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: req.refreshToken,
    client_id: req.clientId,
    resource: req.resource,
    scope: req.scope,
  });
  const response = await fetchFn(req.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
    credentials: 'omit',
    cache: 'no-store',
    signal: AbortSignal.timeout(15_000),
  });
  let json: Record<string, unknown>;
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new Error(`The token service answered HTTP ${response.status} without a token`);
  }
  if (!response.ok) {
    // RFC 6749 §5.2: `error` names what went wrong (invalid_grant, invalid_target…).
    throw new ErrorResponse({ error: typeof json.error === 'string' ? json.error : 'server_error' });
  }
  if (typeof json.access_token !== 'string' || json.access_token === '') throw new Error('The token service returned no access token');
  if (typeof json.token_type !== 'string' || json.token_type.toLowerCase() !== 'bearer') throw new Error('The token service returned a token that is not a bearer token');
  // A server that ignored `resource` would hand back a token for another server, which the
  // viewer would then send to this one (a token leak, RFC 6750 §5.2). Where the token is a
  // JWT (RFC 9068) its audience is checked; an opaque token is the configuration's word.
  const aud = jwtClaims(json.access_token)?.aud;
  if (aud !== undefined && !(aud === req.resource || (Array.isArray(aud) && aud.length === 1 && aud[0] === req.resource))) {
    throw new Error('The token service returned a token for another server');
  }
  const expiresIn = typeof json.expires_in === 'number' && json.expires_in > 0 && json.expires_in <= MAX_EXPIRES_IN_S ? json.expires_in : undefined;
  return {
    accessToken: json.access_token,
    ...(typeof json.scope === 'string' ? { scope: json.scope } : {}),
    ...(expiresIn ? { expiresAt: now() + expiresIn * 1000 } : {}),
    ...(typeof json.refresh_token === 'string' && json.refresh_token !== '' ? { refreshToken: json.refresh_token } : {}),
  };
}
