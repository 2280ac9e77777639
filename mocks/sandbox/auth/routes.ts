/**
 * The authorisation server's paths, set explicitly so that the SMART discovery document
 * served under each FHIR base (smart-configuration.ts) and oidc-provider's own routing
 * cannot drift apart. The values are oidc-provider's defaults.
 */
export const AUTH_ROUTES = {
  authorization: '/auth',
  token: '/token',
  jwks: '/jwks',
  userinfo: '/me',
} as const;

/** Where oidc-provider sends the browser when it needs the user (login); see interactions.ts. */
export const INTERACTION_PATH = '/interaction';
