/**
 * The `fhirUser` claim of an id_token (SMART App Launch 2.2 "Scopes for requesting
 * identity data"), or undefined.
 *
 * Decoded here rather than with fhirclient's `getIdToken()`, which passes the base64url
 * payload to `atob` and throws whenever it contains `-` or `_` (RFC 7515 §2). The
 * signature is not checked: the token came straight from the token endpoint over TLS
 * (OpenID Connect Core §3.1.3.7), and the claim only chooses which resource to read with
 * the same bearer token, which the server authorises.
 */
export function fhirUserClaim(idToken: unknown): string | undefined {
  return stringClaim(idToken, 'fhirUser');
}

/** The id_token's issuer (`iss`): which authorisation server may take it as a hint. */
export function issuerClaim(idToken: unknown): string | undefined {
  return stringClaim(idToken, 'iss');
}

function stringClaim(idToken: unknown, name: string): string | undefined {
  const value = jwtClaims(idToken)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The claims of a JWT (RFC 7519), unverified, or undefined when the value is not one (an
 * opaque access token, a malformed id_token: no user line rather than no app).
 */
export function jwtClaims(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
