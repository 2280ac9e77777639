import { errors } from './oidc-provider';
import { memoryAdapterFactory } from './memory-adapter';
import { escapeHtml } from '../http-util';
import { authCallbackUrl } from '../../../src/smart/callback-path';
import type { Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider';
import type { LaunchStore } from '../launch-store';
import type { SandboxTopology } from '../topology';
import type { SandboxAccount } from './accounts';
import { findSandboxAccount } from './accounts';
import { knownFhirBase, resourceFromAud } from './audience';
import { sandboxInteractionPolicy } from './interactions';
import type { LaunchBindings } from './launch-bindings';
import { presentedArtifact } from './launch-bindings';
import { smartExtraParams } from './launch-middleware';
import { AUTH_ROUTES, INTERACTION_PATH } from './routes';
import { SMART_SCOPES } from './scopes';
import { REFRESH_SCOPES } from './auth-mode';

/** A sign-in lasts one working shift; online_access refresh tokens end with it. */
export const SESSION_SECONDS = 8 * 60 * 60;
export const AUTHORIZATION_CODE_SECONDS = 60;

export interface AuthConfigurationInput {
  topology: SandboxTopology;
  launches: LaunchStore;
  bindings: LaunchBindings;
  accounts: readonly SandboxAccount[];
  /** Private signing key (RS256) for id_tokens and JWT access tokens. */
  signingKey: JWK;
  cookieKeys: string[];
  accessTokenTtlSeconds: number;
}

/**
 * The app is approved in advance by every organisation, so there is no consent screen:
 * the grant in this browser session is created or widened to exactly what the request
 * asks for, per FHIR server (resource indicator).
 */
async function preApprovedGrant(ctx: KoaContextWithOIDC) {
  const { provider, client, session, account } = ctx.oidc;
  if (!client || !session || !account) return undefined;
  const grantId = session.grantIdFor(client.clientId);
  const grant =
    (grantId ? await provider.Grant.find(grantId) : undefined) ??
    new provider.Grant({ clientId: client.clientId, accountId: account.accountId });
  const oidcScopes = [...ctx.oidc.requestParamOIDCScopes];
  if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes);
  for (const [resource, server] of Object.entries(ctx.oidc.resourceServers ?? {})) {
    const scopes = [...ctx.oidc.requestParamScopes].filter((s) => server.scopes.has(s));
    if (scopes.length > 0) grant.addResourceScope(resource, scopes);
  }
  await grant.save();
  return grant;
}

/**
 * oidc-provider configured as a SMART App Launch 2.2 authorisation server for every
 * sandbox FHIR endpoint: one public browser client, authorization code with PKCE S256
 * only (RFC 7636; SMART requires it of every app), and one JWT access token per FHIR
 * server whose `aud` is that server's base URL (RFC 8707 resource indicators, RFC 9068).
 */
export function authConfiguration(input: AuthConfigurationInput): Configuration {
  const { topology, launches, bindings, accounts, accessTokenTtlSeconds } = input;
  const { appOrigin } = topology;
  // Strict (auth-mode.ts): no refresh tokens, no sign-in without a window.
  const strict = topology.authMode === 'strict';
  const scopes = strict ? SMART_SCOPES.filter((s) => !REFRESH_SCOPES.has(s)) : SMART_SCOPES;
  return {
    adapter: memoryAdapterFactory(),
    // The authorisation server's own error page (oidc-provider's default prints a notice
    // asking for one): the error and its description, as text.
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><h1>Sign-in error</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p></body></html>`;
    },
    clients: [
      {
        client_id: topology.clientId,
        client_name: 'My Care Record viewer',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        // The app itself (EHR launch) and the callback page of silent and pop-up sign-in at regional endpoints.
        redirect_uris: [topology.redirectUri, authCallbackUrl(appOrigin)],
        grant_types: strict ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    responseTypes: ['code'],
    pkce: { required: () => true },
    routes: AUTH_ROUTES,
    scopes: [...scopes],
    claims: { openid: ['sub'], profile: ['name'], fhirUser: ['fhirUser'] },
    // SMART puts fhirUser in the id_token itself; OIDC's conform mode would move it to userinfo.
    conformIdTokenClaims: false,
    extraParams: smartExtraParams(topology, launches),
    findAccount: findSandboxAccount(accounts),
    loadExistingGrant: preApprovedGrant,
    interactions: {
      policy: sandboxInteractionPolicy(launches, { refuseSilent: strict }),
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    extraTokenClaims(ctx, token) {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      const account = accounts.find((a) => a.accountId === accountId);
      const launch = bindings.get(presentedArtifact(ctx));
      return { ...(account && { fhirUser: account.fhirUser }), ...(launch && { patient: launch.patient }) };
    },
    // SMART: refresh tokens only for online_access / offline_access. Public clients get a new
    // one on every use (rotation), and online_access ones end with the session (the default
    // expiresWithSession binds everything but offline_access to it).
    issueRefreshToken: (_ctx, client, code) =>
      !strict &&
      client.grantTypeAllowed('refresh_token') && (code.scopes.has('online_access') || code.scopes.has('offline_access')),
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin) => origin === appOrigin,
    jwks: { keys: [input.signingKey] },
    // Plain http on localhost: oidc-provider marks cookies Secure only over https. Lax is
    // enough because the host pages, this server and the app are all same-site (localhost).
    cookies: {
      keys: input.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      AuthorizationCode: AUTHORIZATION_CODE_SECONDS,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: SESSION_SECONDS,
      Grant: SESSION_SECONDS,
      RefreshToken: SESSION_SECONDS,
    },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, _client, oneOf) => oneOf ?? resourceFromAud(topology, ctx.oidc.params?.aud),
        // The token request carries no `resource`: use the one the code was granted for.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          const audience = knownFhirBase(topology, resourceIndicator);
          if (audience !== resourceIndicator) throw new errors.InvalidTarget('not a FHIR server this authorisation server protects');
          return {
            audience,
            scope: scopes.join(' '),
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };
}
