import type { SandboxTopology } from '../topology';
import { AUTH_ROUTES } from './routes';
import { SMART_SCOPES } from './scopes';
import { REFRESH_SCOPES } from './auth-mode';

/**
 * The capabilities this sandbox offers (SMART App Launch 2.2 "Capabilities"): EHR and
 * standalone launch of a public browser app, patient / encounter context, the banner and
 * style hints, v2 scopes, refresh tokens while the user stays signed in, and OpenID
 * Connect sign-in for the `fhirUser` identity.
 */
const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-banner',
  'context-style',
  'permission-v2',
  'permission-online',
  'sso-openid-connect',
] as const;

/**
 * The body of {fhirBase}/.well-known/smart-configuration (SMART App Launch 2.2 discovery).
 * Every sandbox FHIR endpoint shares the one issuer, so every endpoint serves the same
 * document. `issuer` and `jwks_uri` are required because `sso-openid-connect` is offered;
 * only S256 is listed because SMART forbids offering `plain` (RFC 7636 via SMART 2.2).
 */
export function smartConfiguration(topology: SandboxTopology): Record<string, unknown> {
  const issuer = topology.authIssuer;
  // Strict (auth-mode.ts): no refresh tokens, so neither the grant nor permission-online is offered.
  const strict = topology.authMode === 'strict';
  return {
    issuer,
    jwks_uri: `${issuer}${AUTH_ROUTES.jwks}`,
    authorization_endpoint: `${issuer}${AUTH_ROUTES.authorization}`,
    token_endpoint: `${issuer}${AUTH_ROUTES.token}`,
    grant_types_supported: strict ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: strict ? SMART_SCOPES.filter((s) => !REFRESH_SCOPES.has(s)) : [...SMART_SCOPES],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: strict ? CAPABILITIES.filter((c) => c !== 'permission-online') : [...CAPABILITIES],
  };
}
