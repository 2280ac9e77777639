import { createLocalJWKSet, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  scope: string;
  client_id: string;
  exp: number;
  iat: number;
  patient?: string;
  fhirUser?: string;
}

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };

/** What a sandbox FHIR endpoint calls with the bearer token and its own base URL. */
export type AccessTokenVerifier = (token: string | undefined, audience: string) => Promise<VerifyResult>;

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

function isAccessTokenClaims(payload: JWTPayload): payload is JWTPayload & AccessTokenClaims {
  return (
    typeof payload.sub === 'string' &&
    typeof payload.scope === 'string' &&
    typeof payload.client_id === 'string' &&
    typeof payload.iat === 'number' &&
    typeof payload.exp === 'number'
  );
}

/**
 * Checks a JWT access token the way RFC 9068 §4 asks a resource server to: signature with
 * the issuer's public keys, `typ` at+jwt, `iss`, `exp`, and an `aud` naming this FHIR
 * endpoint. The audience check is what stops a token issued for one organisation's
 * endpoint being replayed at another's (RFC 8707 audience restriction). Reasons are plain
 * words for an OperationOutcome; the token itself is never echoed.
 */
export function createAccessTokenVerifier(issuer: string, publicKeys: JSONWebKeySet): AccessTokenVerifier {
  const keys = createLocalJWKSet(publicKeys);
  return async (token, audience) => {
    if (!token) return { ok: false, reason: 'missing bearer token' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, algorithms: ['RS256'], typ: 'at+jwt' }));
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'token expired' : 'invalid token' };
    }
    if (!isAccessTokenClaims(payload)) return { ok: false, reason: 'invalid token' };
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const expected = withoutTrailingSlash(audience);
    if (!audiences.some((aud) => aud !== undefined && withoutTrailingSlash(aud) === expected)) {
      return { ok: false, reason: 'token issued for another endpoint' };
    }
    return { ok: true, claims: payload };
  };
}
