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
 *
 * A token whose signature and claims were checked once is remembered until it expires, as
 * resource servers cache introspection: its expiry and audience are still checked at every
 * use. The sandbox's servers share one process, so one signature check per request (about
 * a millisecond of WebCrypto) made every organisation's answer wait for the others' checks.
 */
export function createAccessTokenVerifier(issuer: string, publicKeys: JSONWebKeySet): AccessTokenVerifier {
  const keys = createLocalJWKSet(publicKeys);
  const checked = new Map<string, JWTPayload & AccessTokenClaims>();
  const remember = (token: string, claims: JWTPayload & AccessTokenClaims) => {
    if (checked.size >= 1_000) {
      const now = Date.now() / 1000;
      for (const [t, c] of checked) if (c.exp <= now) checked.delete(t);
      if (checked.size >= 1_000) checked.delete(checked.keys().next().value!);
    }
    checked.set(token, claims);
  };
  return async (token, audience) => {
    if (!token) return { ok: false, reason: 'missing bearer token' };
    let payload = checked.get(token);
    if (payload && payload.exp <= Math.floor(Date.now() / 1000)) {
      checked.delete(token);
      return { ok: false, reason: 'token expired' };
    }
    if (!payload) {
      let verified: JWTPayload;
      try {
        ({ payload: verified } = await jwtVerify(token, keys, { issuer, algorithms: ['RS256'], typ: 'at+jwt' }));
      } catch (error) {
        return { ok: false, reason: error instanceof errors.JWTExpired ? 'token expired' : 'invalid token' };
      }
      if (!isAccessTokenClaims(verified)) return { ok: false, reason: 'invalid token' };
      payload = verified;
      remember(token, verified);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const expected = withoutTrailingSlash(audience);
    if (!audiences.some((aud) => aud !== undefined && withoutTrailingSlash(aud) === expected)) {
      return { ok: false, reason: 'token issued for another endpoint' };
    }
    return { ok: true, claims: payload };
  };
}
